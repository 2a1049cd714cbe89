import { createLwmEngine, type LwmEngine } from '../../src/engines/lwm/lwm-engine.js';
import type { LwmEngineOptionsInput } from '../../src/engines/lwm/options.js';
import type { ScriptedModelServer } from '../../src/testing/scripted-model-server/index.js';

/** An lwm engine pointed at a scripted server, with retries that cost milliseconds instead of seconds. */
export function fastLwmEngine(
  server: ScriptedModelServer,
  overrides: Partial<LwmEngineOptionsInput> = {},
): LwmEngine {
  return createLwmEngine({
    baseUrl: server.url,
    model: server.model,
    maxRetries: 2,
    retryBaseMs: 1,
    retryMaxMs: 5,
    ...overrides,
  });
}
