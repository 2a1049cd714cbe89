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
import { type ModelFlags, resolveCacheSettings, resolveModelSettings } from './config.js';
import { embeddedModelUnfit } from './embedded-fit.js';

export interface EngineFlags extends ModelFlags {
  readonly engine?: string | undefined;
  /**
   * `--local-model PATH`: the GGUF file of the local engine (default: the shipped model of the spec's domain, the
   * terminal one when there is no spec or no model of that domain).
   */
  readonly localModel?: string | undefined;
  readonly replay?: string[] | undefined;
  /**
   * `--real-server`: the MCP server the real engine proxies (`filesystem`, `memory`, `everything`, a URL or a
   * command line); default: the spec's `toolsFrom`.
   */
  readonly realServer?: string | undefined;
  readonly cache?: boolean | string | undefined;
  /** `--retrieval-corpus PATH…`: recorded sessions whose most similar transitions the model gets as demonstrations. */
  readonly retrievalCorpus?: string[] | undefined;
  /** `--retrieval-k N`: demonstrations per turn (default 3). */
  readonly retrievalK?: number | undefined;
}

/** What the engine is for, when the command knows it: picks the default engine. */
export interface EngineTarget extends CallOptions {
  /** The spec to be simulated. */
  readonly spec?: WorldSpec | undefined;
  /**
   * Requests in flight to the world-model server when the config file sets no `model.concurrency` (a rollout
   * passes its --concurrency, so its episodes do not queue behind the engine's default of 16).
   */
  readonly modelConcurrency?: number | undefined;
}

/** The domain whose shipped model the local engine runs for a spec: mcp for mcp worlds, else terminal. */
function bundledDomainFor(spec: WorldSpec | undefined): BundledModelDomain {
  return spec?.domain === 'mcp' ? 'mcp' : 'terminal';
}

/** The model file of the local engine for a spec: `--local-model`, else the shipped model of its domain. */
export function localModelPathFor(flags: EngineFlags, spec: WorldSpec | undefined): string {
  const domain = bundledDomainFor(spec);
  const modelPath = flags.localModel ?? findBundledModel(domain);
  if (modelPath === undefined) {
    throw new AgentWorldError(
      'CONFIG_INVALID',
      `The local engine needs a model file: pass --local-model FILE.gguf (this installation has no models/${BUNDLED_MODELS[domain]}).`,
    );
  }
  return modelPath;
}

/**
 * The engine the flags choose whatever the spec (`--engine`, `replay` with recordings, `lwm` when a model server
 * is configured), or undefined when the spec decides (see `defaultEngineKind`).
 */
export function engineKindOfFlags(flags: EngineFlags): string | undefined {
  if (flags.engine !== undefined) return flags.engine;
  if (flags.replay !== undefined && flags.replay.length > 0) return 'replay';
  const model = resolveModelSettings(flags);
  if (model.url !== undefined || model.name !== undefined) return 'lwm';
  return undefined;
}

/**
 * The engine to use when the flags name none: `replay` with recordings, `lwm` when a model server is configured,
 * else — for a world the embedded model fits (`embeddedModelUnfit`: a terminal in the shell it was trained on, or
 * an mcp world of the server an mcp model was trained on) — the hybrid, which needs no server: the domain's twin
 * (the virtual shell, server-memory's graph) answers exactly what it can, the embedded model the rest; else `lwm`
 * (which then explains how to configure a server, or to pick `--engine local` / `agentworld sim terminal-embedded`).
 */
export function defaultEngineKind(flags: EngineFlags, spec: WorldSpec | undefined): string {
  const chosen = engineKindOfFlags(flags);
  if (chosen !== undefined) return chosen;
  if (spec !== undefined && embeddedModelUnfit(spec, flags.localModel) === undefined) return 'hybrid';
  return 'lwm';
}

/**
 * CONFIG_INVALID saying no model server is configured and how to configure one; `why` (optional) says why no
 * embedded model simulates the world at hand.
 */
export function noWorldModelError(flags: EngineFlags, why?: string): AgentWorldError {
  const model = resolveModelSettings(flags);
  const missing = [
    ...(model.url === undefined ? ['url'] : []),
    ...(model.name === undefined ? ['name'] : []),
  ];
  const lead =
    why === undefined
      ? 'No world model configured'
      : `No world model for this world: ${why}, and no model server is configured`;
  return new AgentWorldError(
    'CONFIG_INVALID',
    `${lead} (model ${missing.join(' and ')} missing). Pass --model-url and --model, ` +
      'or set AGENTWORLD_MODEL_URL and AGENTWORLD_MODEL, or put {"model": {"url": …, "name": …}} in ' +
      './agentworld.config.json or $AGENTWORLD_HOME/config.json; e.g. --model-url http://127.0.0.1:8000/v1 ' +
      '--model Qwen/Qwen-AgentWorld-35B-A3B. To try AgentWorld without a model server, run `agentworld demo`, ' +
      `or simulate a terminal on this CPU with the embedded model: \`agentworld sim terminal-embedded\`${findBundledModel() === undefined ? ` (needs models/${BUNDLED_TERMINAL_MODEL} or --local-model FILE.gguf)` : ''}.`,
    { details: { missing } },
  );
}

/**
 * Builds the engine the flags ask for (`lwm`, `replay`, `local`, `real` or `hybrid`; see `defaultEngineKind`), optionally wrapped in
 * the disk cache. Each engine's module is loaded only when asked for, which keeps the command's start-up short.
 */
export async function createEngineFromFlags(flags: EngineFlags, options: EngineTarget = {}): Promise<Engine> {
  const kind = defaultEngineKind(flags, options.spec);
  // The hybrid's twin must see every turn: the cache (when on) keeps its model side's answers only.
  if (kind === 'hybrid') return createHybridEngineFromFlags(flags, options);
  let engine: Engine;
  if (kind === 'local') {
    const modelPath = localModelPathFor(flags, options.spec);
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
    if (model.url === undefined || model.name === undefined) throw noWorldModelError(flags);
    const { createLwmEngine } = await import('../engines/lwm/index.js');
    engine = createLwmEngine({
      // Several URLs are replicas of one model: routed by least outstanding requests, sessions kept on one.
      ...(model.urls.length > 1 ? { baseUrls: [...model.urls] } : { baseUrl: model.url }),
      model: model.name,
      apiKey: model.apiKey,
      stream: model.stream,
      ...(model.temperature === undefined ? {} : { temperature: model.temperature }),
      ...(model.maxTokens === undefined ? {} : { maxTokens: model.maxTokens }),
      ...(model.timeoutMs === undefined ? {} : { timeoutMs: model.timeoutMs }),
      ...(model.maxRetries === undefined ? {} : { maxRetries: model.maxRetries }),
      ...(model.retryBaseMs === undefined ? {} : { retryBaseMs: model.retryBaseMs }),
      ...((model.concurrency ?? options.modelConcurrency) === undefined
        ? {}
        : { concurrency: model.concurrency ?? options.modelConcurrency }),
      ...(model.topP === undefined ? {} : { topP: model.topP }),
      ...(model.extraBody === undefined ? {} : { extraBody: model.extraBody }),
    });
  } else if (kind === 'real') {
    const { RealEngineByDomain, parseRealMcpServer } = await import('../engines/real/index.js');
    const server = flags.realServer ?? process.env.AGENTWORLD_REAL_SERVER;
    engine = new RealEngineByDomain({
      mcp: server === undefined ? {} : { server: parseRealMcpServer(server) },
    });
    if (options.spec !== undefined) {
      try {
        await engine.prepare?.(options.spec, options);
      } catch (error) {
        await engine.close();
        throw error;
      }
    }
  } else {
    throw new AgentWorldError(
      'CONFIG_INVALID',
      `Unknown engine "${kind}": use lwm, replay, local, real or hybrid.`,
    );
  }
  try {
    engine = await withRetrievalFromFlags(engine, kind, flags, options);
    const cache = resolveCacheSettings(flags);
    if (!cache.enabled) return engine;
    const { createCacheEngine } = await import('../engines/cache/index.js');
    return createCacheEngine({ inner: engine, store: cache.path });
  } catch (error) {
    await engine.close();
    throw error;
  }
}

/**
 * `--engine hybrid`: the twin of the spec's domain (terminal only, for now; a spec of another domain is refused
 * with CONFIG_INVALID) answers exactly what it can, and the world model the other flags pick answers the rest:
 * `lwm` when a model server is configured, else `local` (the embedded model). With no spec (a server), the
 * terminal twin, whose engine refuses other worlds at reset. The cache, when on, wraps the model side only.
 */
async function createHybridEngineFromFlags(flags: EngineFlags, options: EngineTarget): Promise<Engine> {
  const { createHybridEngine, createTwinFor, hasTwin, noTwinError } = await import(
    '../engines/hybrid/index.js'
  );
  const domain = options.spec?.domain ?? 'terminal';
  if (!hasTwin(domain)) throw noTwinError(domain);
  const model = resolveModelSettings(flags);
  const modelKind = model.url !== undefined || model.name !== undefined ? 'lwm' : 'local';
  const modelEngine = await createEngineFromFlags({ ...flags, engine: modelKind }, options);
  try {
    return createHybridEngine({ twin: await createTwinFor(domain), model: modelEngine });
  } catch (error) {
    await modelEngine.close();
    throw error;
  }
}

/**
 * `--retrieval-corpus` (and `--retrieval-k`): the model engine wrapped so that each turn's model is given the k
 * most similar recorded real transitions as demonstrations (src/engines/retrieval). Only world models take
 * demonstrations: `replay` and `real` engines are returned as they are. The caller closes the engine on failure.
 */
async function withRetrievalFromFlags(
  engine: Engine,
  kind: string,
  flags: EngineFlags,
  options: EngineTarget,
): Promise<Engine> {
  const corpus = flags.retrievalCorpus ?? [];
  if (corpus.length === 0) {
    if (flags.retrievalK === undefined) return engine;
    throw new AgentWorldError('CONFIG_INVALID', '--retrieval-k needs --retrieval-corpus PATH.');
  }
  // Real and recorded engines answer without a model: nothing to give demonstrations to (a command that builds
  // one beside a simulator, as `rollout compare` and `record --shadow-engine` do, gives them to the simulator).
  if (kind !== 'lwm' && kind !== 'local') return engine;
  const { createRetrievalEngine, loadTransitionIndex, parseRetrievalOptions } = await import(
    '../engines/retrieval/index.js'
  );
  const settings = parseRetrievalOptions({
    corpusPaths: corpus,
    ...(flags.retrievalK === undefined ? {} : { k: flags.retrievalK }),
  });
  const index = await loadTransitionIndex(settings.corpusPaths, { signal: options.signal });
  return createRetrievalEngine({ inner: engine, index, ...settings });
}
