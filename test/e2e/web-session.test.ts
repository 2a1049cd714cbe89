import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
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

  // The real harnesses run such an action and report it (BrowserGym 9e779f08 env.py `step` and
  // action/utils.py `get_elem_by_bid`; @playwright/mcp 0.0.86, captured in the dialect's fixtures.json).
  const cases = [
    [
      'browsergym',
      'click("999")',
      (page: string) => `Last action error: ValueError: Could not find element with bid "999"\n${page}`,
    ],
    [
      'playwright-mcp',
      { name: 'browser_click', arguments: { element: 'Gone', target: 'e999' } },
      () => '### Error\nError: Ref e999 not found in the current page snapshot. Try capturing new snapshot.',
    ],
  ] as const;
  for (const [dialect, action, harnessError] of cases) {
    it(`${dialect}: is accepted; the observation must be the harness's own error`, async () => {
      const spec = JSON.parse(readFileSync(examplePath(`web-${dialect}.json`), 'utf8')) as {
        initialState: { text: string };
      };
      const engine = fastLwmEngine(model);
      try {
        const env = await createEnv(spec, { engine });
        await env.reset({ seed: 1 });
        const requestsBefore = model.completionBodies.length;
        const expected = harnessError(spec.initialState.text);
        model.enqueue(expected, spec.initialState.text);
        const reported = await env.step(action);
        assert.equal(model.completionBodies.length, requestsBefore + 1);
        assert.equal(reported.observation, expected);
        const refExists = (turn: typeof reported) =>
          turn.info.turn.checks.find((check) => check.id === 'ref-exists');
        assert.equal(refExists(reported)?.status, 'pass', JSON.stringify(refExists(reported)));
        // A model that acts as if the element were there is caught.
        const pretended = await env.step(action);
        assert.equal(refExists(pretended)?.status, 'fail');
        assert.equal(env.turns.length, 2);
      } finally {
        await engine.close();
      }
    });
  }
});
