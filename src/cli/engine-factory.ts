import type { CallOptions } from '../core/abort.js';
import type { Engine } from '../core/engine.js';
import { AgentWorldError } from '../core/errors.js';
import type { WorldSpec } from '../core/world-spec.js';
import {
  BUNDLED_MODELS,
  BUNDLED_TERMINAL_MODEL,
  type BundledModelDomain,
  findBundledModel,
} from '../engines/local/bundled-model.js';
import { readModelFileLayout } from '../engines/local/gguf-metadata.js';
import { mcpSpecMismatch } from '../engines/local/mcp-spec-fit.js';
import { type ModelFlags, resolveCacheSettings, resolveModelSettings } from './config.js';
import { embeddedModelMismatch } from './embedded-fit.js';

export interface EngineFlags extends ModelFlags {
  readonly engine?: string | undefined;
  /**
   * `--local-model PATH`: the GGUF file of the local engine (default: the shipped model of the spec's domain, the
   * terminal one when there is no spec or no model of that domain).
   */
  readonly localModel?: string | undefined;
  readonly replay?: string[] | undefined;
  readonly cache?: boolean | string | undefined;
}

/** What the engine is for, when the command knows it: picks the default engine. */
export interface EngineTarget extends CallOptions {
  /** The spec to be simulated. */
  readonly spec?: WorldSpec | undefined;
}

/** The domain whose shipped model the local engine runs for a spec: mcp for mcp worlds, else terminal. */
function bundledDomainFor(spec: WorldSpec | undefined): BundledModelDomain {
  return spec?.domain === 'mcp' ? 'mcp' : 'terminal';
}

/**
 * Whether the embedded model fits a spec well enough to be the default engine: a terminal world whose shell is
 * like the ones the terminal model was trained on (`embeddedModelMismatch`), with `--local-model` or the shipped
 * terminal model; an mcp world whose server is the one an mcp-layout model names and starts empty (`mcpSpecMismatch`),
 * with that model given as `--local-model` or shipped as models/agentworld-mcp.gguf.
 */
function embeddedModelFits(flags: EngineFlags, spec: WorldSpec): boolean {
  if (spec.domain === 'mcp') {
    const path = flags.localModel ?? findBundledModel('mcp');
    if (path === undefined) return false;
    const layout = readModelFileLayout(path);
    // A --local-model file that cannot be read goes to the local engine, whose error names the file.
    if (layout === undefined) return flags.localModel !== undefined;
    return layout.domain === 'mcp' && mcpSpecMismatch(spec, layout) === undefined;
  }
  const modelAvailable = flags.localModel !== undefined || findBundledModel() !== undefined;
  return modelAvailable && embeddedModelMismatch(spec) === undefined;
}

/**
 * The engine to use when the flags name none: `replay` with recordings, `lwm` when a model server is configured,
 * else — for a world the embedded model fits (`embeddedModelFits`: a terminal in the shell it was trained on, or
 * an mcp world of the server an mcp model was trained on) — the local engine (no server needed), else `lwm`
 * (which then explains how to configure a server, or to pick `--engine local` / `agentworld sim terminal-embedded`).
 */
export function defaultEngineKind(flags: EngineFlags, spec: WorldSpec | undefined): string {
  if (flags.engine !== undefined) return flags.engine;
  if (flags.replay !== undefined && flags.replay.length > 0) return 'replay';
  const model = resolveModelSettings(flags);
  if (model.url !== undefined || model.name !== undefined) return 'lwm';
  if (spec !== undefined && embeddedModelFits(flags, spec)) return 'local';
  return 'lwm';
}

/**
 * Builds the engine the flags ask for (`lwm`, `replay` or `local`; see `defaultEngineKind`), optionally wrapped in
 * the disk cache. Each engine's module is loaded only when asked for, which keeps the command's start-up short.
 */
export async function createEngineFromFlags(flags: EngineFlags, options: EngineTarget = {}): Promise<Engine> {
  const kind = defaultEngineKind(flags, options.spec);
  let engine: Engine;
  if (kind === 'local') {
    const domain = bundledDomainFor(options.spec);
    const modelPath = flags.localModel ?? findBundledModel(domain);
    if (modelPath === undefined) {
      throw new AgentWorldError(
        'CONFIG_INVALID',
        `The local engine needs a model file: pass --local-model FILE.gguf (this installation has no models/${BUNDLED_MODELS[domain]}).`,
      );
    }
    const { createLocalEngine } = await import('../engines/local/index.js');
    // --max-tokens / --timeout-ms given on the command line bound each command's output and time here too.
    engine = await createLocalEngine(
      {
        modelPath,
        ...(flags.maxTokens === undefined ? {} : { maxTokens: flags.maxTokens }),
        ...(flags.timeoutMs === undefined ? {} : { timeoutMs: flags.timeoutMs }),
      },
      {},
      { signal: options.signal },
    );
  } else if (kind === 'replay') {
    const files = flags.replay ?? [];
    if (files.length === 0) {
      throw new AgentWorldError(
        'CONFIG_INVALID',
        'The replay engine needs recorded sessions: pass --replay FILE.jsonl.',
      );
    }
    const { createReplayEngine } = await import('../engines/replay/index.js');
    engine = await createReplayEngine({ files }, options);
  } else if (kind === 'lwm') {
    const model = resolveModelSettings(flags);
    if (model.url === undefined || model.name === undefined) {
      const missing = [
        ...(model.url === undefined ? ['url'] : []),
        ...(model.name === undefined ? ['name'] : []),
      ];
      throw new AgentWorldError(
        'CONFIG_INVALID',
        `No world model configured (model ${missing.join(' and ')} missing). Pass --model-url and --model, ` +
          'or set AGENTWORLD_MODEL_URL and AGENTWORLD_MODEL, or put {"model": {"url": …, "name": …}} in ' +
          './agentworld.config.json or $AGENTWORLD_HOME/config.json; e.g. --model-url http://127.0.0.1:8000/v1 ' +
          '--model Qwen/Qwen-AgentWorld-35B-A3B. To try AgentWorld without a model server, run `agentworld demo`, ' +
          `or simulate a terminal on this CPU with the embedded model: \`agentworld sim terminal-embedded\`${findBundledModel() === undefined ? ` (needs models/${BUNDLED_TERMINAL_MODEL} or --local-model FILE.gguf)` : ''}.`,
        { details: { missing } },
      );
    }
    const { createLwmEngine } = await import('../engines/lwm/index.js');
    engine = createLwmEngine({
      baseUrl: model.url,
      model: model.name,
      apiKey: model.apiKey,
      stream: model.stream,
      ...(model.temperature === undefined ? {} : { temperature: model.temperature }),
      ...(model.maxTokens === undefined ? {} : { maxTokens: model.maxTokens }),
      ...(model.timeoutMs === undefined ? {} : { timeoutMs: model.timeoutMs }),
      ...(model.maxRetries === undefined ? {} : { maxRetries: model.maxRetries }),
      ...(model.retryBaseMs === undefined ? {} : { retryBaseMs: model.retryBaseMs }),
      ...(model.concurrency === undefined ? {} : { concurrency: model.concurrency }),
      ...(model.topP === undefined ? {} : { topP: model.topP }),
      ...(model.extraBody === undefined ? {} : { extraBody: model.extraBody }),
    });
  } else {
    throw new AgentWorldError('CONFIG_INVALID', `Unknown engine "${kind}": use lwm, replay or local.`);
  }
  try {
    const cache = resolveCacheSettings(flags);
    if (!cache.enabled) return engine;
    const { createCacheEngine } = await import('../engines/cache/index.js');
    return createCacheEngine({ inner: engine, store: cache.path });
  } catch (error) {
    await engine.close();
    throw error;
  }
}
