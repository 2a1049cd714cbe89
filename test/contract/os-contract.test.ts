/**
 * The engine contract for the os domain, one subject per dialect: the lwm engine over the scripted model
 * server (its default responder), and the replay engine over the recorded example sessions.
 */
import { readFileSync } from 'node:fs';
import { after, before } from 'node:test';
import type { WorldSpecInput } from '../../src/core/world-spec.js';
import { createReplayEngine } from '../../src/engines/replay/index.js';
import { parseSessionLines } from '../../src/session/session-file.js';
import { engineContract } from '../../src/testing/engine-contract.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';
import { examplePath, fastLwmEngine } from '../helpers/index.js';

function osSpec(dialect: 'pyautogui' | 'computer13'): WorldSpecInput {
  return JSON.parse(readFileSync(examplePath(`os-${dialect}.json`), 'utf8')) as WorldSpecInput;
}

let server: ScriptedModelServer;
before(async () => {
  server = await startScriptedModelServer({ reasoningMode: 'reasoning_content' });
});
after(() => server.close());

const makeEngine = async () => fastLwmEngine(server, { maxRetries: 1 });
const outage = {
  begin: () => server.setDown(true),
  end: () => server.setDown(false),
  code: 'ENGINE_UNAVAILABLE' as const,
};

engineContract({
  name: 'lwm over the scripted server (os, pyautogui)',
  spec: osSpec('pyautogui'),
  seed: 11,
  actions: [
    'pyautogui.click(x=960, y=540)',
    "pyautogui.write('hello'); time.sleep(0.2)",
    "pyautogui.hotkey('ctrl', 's')",
  ],
  makeEngine,
  invalidAction: { action: { code: 42 }, path: '$.code' },
  outage,
});

engineContract({
  name: 'lwm over the scripted server (os, computer13)',
  spec: osSpec('computer13'),
  seed: 11,
  actions: [
    { action_type: 'CLICK', parameters: { x: 960, y: 540 } },
    { action_type: 'TYPING', parameters: { text: 'hello' } },
    { action_type: 'HOTKEY', parameters: { keys: ['ctrl', 's'] } },
  ],
  makeEngine,
  invalidAction: {
    action: { action_type: 'MOVE_TO', parameters: { x: 'left', y: 3 } },
    path: '$.parameters.x',
  },
  outage,
});

const records = parseSessionLines(readFileSync(examplePath('sessions/os.jsonl'), 'utf8'), 'os.jsonl');
for (const record of records) {
  engineContract({
    name: `replay of the recorded example (${record.spec.dialect ?? 'pyautogui'})`,
    spec: record.spec,
    seed: record.seed ?? 0,
    actions: record.turns.map((turn) => turn.action),
    makeEngine: async () => createReplayEngine({ sessions: records }),
    invalidAction:
      record.spec.dialect === 'computer13'
        ? { action: { action_type: 'SCROLL', parameters: { dx: 0 } }, path: '$.parameters.dy' }
        : { action: { code: 'pyautogui.click(' }, path: '$.code' },
  });
}
