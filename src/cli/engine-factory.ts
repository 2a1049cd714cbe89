import type { CallOptions } from '../core/abort.js';
import type { Engine } from '../core/engine.js';
import { AgentWorldError } from '../core/errors.js';
import { type ModelFlags, resolveCacheSettings, resolveModelSettings } from './config.js';

export interface EngineFlags extends ModelFlags {
  readonly engine?: string | undefined;
  readonly replay?: string[] | undefined;
  readonly cache?: boolean | string | undefined;
}

/**
 * Builds the engine the flags ask for: `lwm` (default) or `replay`, optionally wrapped in the disk cache. Each
 * engine's module is loaded only when asked for, which keeps the command's start-up short.
 */
export async function createEngineFromFlags(flags: EngineFlags, options: CallOptions = {}): Promise<Engine> {
  const kind = flags.engine ?? (flags.replay !== undefined && flags.replay.length > 0 ? 'replay' : 'lwm');
  let engine: Engine;
  if (kind === 'replay') {
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
          '--model Qwen/Qwen-AgentWorld-35B-A3B. To try AgentWorld without a model server, run `agentworld demo`.',
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
    throw new AgentWorldError('CONFIG_INVALID', `Unknown engine "${kind}": use lwm or replay.`);
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
