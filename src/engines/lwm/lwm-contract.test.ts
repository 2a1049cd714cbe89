import { after, before } from 'node:test';
import { engineContract } from '../../testing/engine-contract.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../testing/index.js';
import { createLwmEngine } from './lwm-engine.js';

let server: ScriptedModelServer;
before(async () => {
  server = await startScriptedModelServer();
});
after(() => server.close());

engineContract({
  name: 'lwm (scripted OpenAI-compatible server)',
  spec: { domain: 'terminal', task: 'List files.' },
  actions: [
    [{ keystrokes: 'ls\n', duration: 0.5 }],
    [{ keystrokes: 'pwd\n', duration: 0.5 }],
    [{ keystrokes: 'echo hi\n', duration: 0.5 }],
  ],
  seed: 7,
  makeEngine: async () =>
    createLwmEngine({
      baseUrl: server.url,
      model: server.model,
      maxRetries: 1,
      retryBaseMs: 1,
      retryMaxMs: 2,
    }),
  invalidAction: { action: [{ duration: 1 }], path: '$[0].keystrokes' },
  outage: { begin: () => server.setDown(true), end: () => server.setDown(false), code: 'ENGINE_UNAVAILABLE' },
});
