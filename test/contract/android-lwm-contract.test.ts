/**
 * The engine contract for the android domain, both dialects, with the lwm engine over the scripted model
 * server (streaming, reasoning in `reasoning_content`).
 */
import { readFileSync } from 'node:fs';
import { after, before } from 'node:test';
import type { WorldSpecInput } from '../../src/core/world-spec.js';
import { engineContract } from '../../src/testing/engine-contract.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';
import { examplePath, fastLwmEngine } from '../helpers/index.js';

const spec = (name: string): WorldSpecInput =>
  JSON.parse(readFileSync(examplePath(`${name}.json`), 'utf8')) as WorldSpecInput;

let server: ScriptedModelServer;
before(async () => {
  server = await startScriptedModelServer({ reasoningMode: 'reasoning_content', streamChunkChars: 11 });
});
after(() => server.close());

const makeEngine = async () => fastLwmEngine(server, { stream: true, maxRetries: 1 });
const outage = {
  begin: () => server.setDown(true),
  end: () => server.setDown(false),
  code: 'ENGINE_UNAVAILABLE' as const,
};

engineContract({
  name: 'lwm streaming (android, androidworld)',
  spec: spec('android-androidworld'),
  seed: 5,
  actions: [
    { action_type: 'open_app', app_name: 'Contacts' },
    { action_type: 'scroll', direction: 'down' },
    { action_type: 'navigate_back' },
  ],
  makeEngine,
  invalidAction: { action: { action_type: 'scroll', direction: 'sideways' }, path: '$.direction' },
  outage,
});

engineContract({
  name: 'lwm streaming (android, phone-invoke)',
  spec: spec('android-phone-invoke'),
  seed: 5,
  actions: [
    '<invoke name="phone">\n<parameter name="action">open_app</parameter>\n<parameter name="text">Clock</parameter>\n</invoke>',
    { action: 'swipe', coordinate: [540, 1800], coordinate2: [540, 600], duration: 300 },
    { action: 'system_button', button: 'back' },
  ],
  makeEngine,
  invalidAction: { action: { action: 'system_button', button: 'menu' }, path: '$.button' },
  outage,
});
