import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { isAgentWorldError } from '../../src/core/errors.js';
import { createReplayEngine } from '../../src/engines/replay/index.js';
import { createEnv } from '../../src/session/create-env.js';
import { parseSessionLines } from '../../src/session/session-file.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';
import { examplePath, fastLwmEngine } from '../helpers/index.js';

const records = parseSessionLines(readFileSync(examplePath('sessions/web.jsonl'), 'utf8'), 'web.jsonl');

describe('web: the Chromium recordings replay through a real Session', () => {
  it('has one recording per dialect, each turn real and free of failed checks', () => {
    assert.deepEqual(records.map((record) => record.spec.dialect).sort(), ['browsergym', 'playwright-mcp']);
    for (const record of records) {
      assert.equal(
        record.labels?.recordedWith,
        record.spec.dialect === 'playwright-mcp'
          ? '@playwright/mcp@0.0.86+chromium'
          : 'chromium+playwright-core',
      );
      for (const turn of record.turns) {
        assert.equal(turn.provenance.source, 'real');
        assert.ok(
          turn.checks.every((check) => check.status !== 'fail'),
          JSON.stringify(turn.checks),
        );
      }
    }
  });

  for (const record of records) {
    it(`${record.spec.dialect}: replays every turn, with the same observations and ledger`, async () => {
      const engine = createReplayEngine({ sessions: records });
      const env = await createEnv(record.spec, { engine });
      await env.reset({ seed: record.seed ?? 0 });
      let last: Awaited<ReturnType<typeof env.step>> | undefined;
      for (const turn of record.turns) {
        last = await env.step(turn.action);
        assert.equal(last.observation, turn.observation);
        assert.equal(last.info.turn.provenance.source, 'replayed');
      }
      const ledger = last?.info.ledger as { url: string; visited: string[] };
      assert.match(ledger.url, /sent\.html/);
      assert.ok(ledger.visited.length >= 3);
      await engine.close();
    });
  }
});

describe('web: an action naming an element the current page lacks', () => {
  let model: ScriptedModelServer;
  before(async () => {
    model = await startScriptedModelServer();
  });
  after(() => model.close());

  for (const [dialect, action] of [
    ['browsergym', 'click("e999")'],
    ['playwright-mcp', { name: 'browser_click', arguments: { element: 'Gone', target: 'e999' } }],
  ] as const) {
    it(`${dialect}: is INVALID_ACTION naming the dialect, with no model call and the session unchanged`, async () => {
      const spec = JSON.parse(readFileSync(examplePath(`web-${dialect}.json`), 'utf8')) as unknown;
      const engine = fastLwmEngine(model);
      try {
        const env = await createEnv(spec, { engine });
        await env.reset({ seed: 1 });
        const requestsBefore = model.completionBodies.length;
        await assert.rejects(env.step(action), (error: unknown) => {
          assert.ok(isAgentWorldError(error, 'INVALID_ACTION'), String(error));
          assert.match(error.message, new RegExp(dialect));
          assert.match(error.message, /e999/);
          return true;
        });
        assert.equal(model.completionBodies.length, requestsBefore);
        assert.equal(env.turns.length, 0);
      } finally {
        await engine.close();
      }
    });
  }
});
