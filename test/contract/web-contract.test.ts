/**
 * The engine contract for the web domain, one subject per dialect: the lwm engine over the scripted model
 * server (its default responder), and the replay engine over the sessions recorded from Chromium.
 */
import { readFileSync } from 'node:fs';
import { after, before } from 'node:test';
import type { WorldSpecInput } from '../../src/core/world-spec.js';
import { createReplayEngine } from '../../src/engines/replay/index.js';
import { parseSessionLines } from '../../src/session/session-file.js';
import { engineContract } from '../../src/testing/engine-contract.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';
import { examplePath, fastLwmEngine } from '../helpers/index.js';

function webSpec(dialect: 'browsergym' | 'playwright-mcp'): WorldSpecInput {
  return JSON.parse(readFileSync(examplePath(`web-${dialect}.json`), 'utf8')) as WorldSpecInput;
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
  name: 'lwm over the scripted server (web, browsergym)',
  spec: webSpec('browsergym'),
  seed: 11,
  actions: ['click("13")', 'scroll(0, 300)', 'goto("http://127.0.0.1:8765/books.html")'],
  makeEngine,
  invalidAction: { action: { code: 42 }, path: '$.code' },
  outage,
});

engineContract({
  name: 'lwm over the scripted server (web, playwright-mcp)',
  spec: webSpec('playwright-mcp'),
  seed: 11,
  actions: [
    { name: 'browser_click', arguments: { element: 'New books link', target: 'e7' } },
    'browser_navigate_back()',
    { name: 'browser_wait_for', arguments: { time: 1 } },
  ],
  makeEngine,
  // Arguments against a tool's schema are the server's error result, not refused; arguments that are no
  // object are no MCP tool call at all.
  invalidAction: { action: { name: 'browser_navigate', arguments: [3] }, path: '$.arguments' },
  outage,
});

const records = parseSessionLines(readFileSync(examplePath('sessions/web.jsonl'), 'utf8'), 'web.jsonl');
for (const record of records) {
  engineContract({
    name: `replay of the Chromium recording (${record.spec.dialect ?? 'browsergym'})`,
    spec: record.spec,
    seed: record.seed ?? 0,
    actions: record.turns.map((turn) => turn.action),
    makeEngine: async () => createReplayEngine({ sessions: records }),
    invalidAction:
      record.spec.dialect === 'playwright-mcp'
        ? { action: { name: 'browser_click', arguments: 'e3' }, path: '$.arguments' }
        : { action: { code: 'click(' }, path: '$.code' },
  });
}
