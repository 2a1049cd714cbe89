import type { Engine } from '../core/engine.js';
import type { HybridEngine } from '../engines/hybrid/index.js';
import type { LocalEngine } from '../engines/local/local-engine.js';

/** The embedded-model engine answering a world: the engine itself (`local`) or the hybrid's model side. */
export function embeddedEngineOf(engine: Engine): LocalEngine | undefined {
  if (engine.id === 'local') return engine as LocalEngine;
  if (engine.id === 'hybrid') {
    const model = (engine as HybridEngine).modelEngine;
    return model.id === 'local' ? (model as LocalEngine) : undefined;
  }
  return undefined;
}

/**
 * What the session banner adds after `engine ID` for an engine that runs on this CPU without a model server:
 * which model simulates the world, and (for the hybrid) that the twin answers what it can exactly. Empty for
 * other engines.
 */
export function simulatedBy(engine: Engine): string {
  const local = embeddedEngineOf(engine);
  if (local === undefined) return '';
  const notReal = local.layout.domain === 'mcp' ? 'not a real server' : 'not a real shell';
  const model = local.model ?? '';
  if (engine.id === 'hybrid') {
    const twin = local.layout.domain === 'mcp' ? 'the server-memory twin' : 'the terminal twin';
    return ` · ${twin} answers what it can exactly, the embedded model ${model} the rest, on this CPU — ${notReal}`;
  }
  return ` · simulated by the embedded model ${model} on this CPU — ${notReal}`;
}
