import { basename } from 'node:path';
import type { CallOptions } from '../core/abort.js';
import type { Engine } from '../core/engine.js';
import type { WorldSpec } from '../core/world-spec.js';
import type { EngineRoute } from '../engines/routing/index.js';
import { embeddedModelUnfit } from './embedded-fit.js';
import {
  createEngineFromFlags,
  defaultEngineKind,
  type EngineFlags,
  engineKindOfFlags,
  localModelPathFor,
  noWorldModelError,
} from './engine-factory.js';

/**
 * The route of one spec when the flags leave the engine to the spec (`engineKindOfFlags` gives none, or
 * `local`): the engine `sim` would pick without a model server — the hybrid (the domain's twin + its embedded
 * model) — one engine per model file; a world no embedded model fits, with no
 * model server configured, gets CONFIG_INVALID saying why and how to configure one.
 */
export function engineRouteFor(flags: EngineFlags, spec: WorldSpec): EngineRoute {
  const kind = defaultEngineKind(flags, spec);
  if (kind !== 'local' && kind !== 'hybrid') {
    throw noWorldModelError(flags, embeddedModelUnfit(spec, flags.localModel));
  }
  const modelPath = localModelPathFor(flags, spec);
  return {
    key: `${kind}:${modelPath}`,
    name:
      kind === 'hybrid'
        ? `hybrid (${spec.domain} twin + ${basename(modelPath)})`
        : `local (${basename(modelPath)})`,
    open: (options) =>
      createEngineFromFlags(
        { ...flags, engine: kind, localModel: modelPath },
        { spec, signal: options.signal },
      ),
  };
}

/**
 * The engine of a server whose sessions may simulate worlds of several domains (`serve`, `mcp`): the engine the
 * flags choose when they choose one for every spec (a model server, recordings, `--engine lwm|replay`), else a
 * routing engine that gives each session the engine of its spec (`engineRouteFor`), opening each embedded model
 * only when a session first needs it, so the server starts without loading any.
 */
export async function createServerEngine(flags: EngineFlags, options: CallOptions = {}): Promise<Engine> {
  const chosen = engineKindOfFlags(flags);
  if (chosen !== undefined && chosen !== 'local') return createEngineFromFlags(flags, options);
  const { createRoutingEngine } = await import('../engines/routing/index.js');
  return createRoutingEngine({ route: (spec) => engineRouteFor(flags, spec) });
}
