/** The recorded os example sessions, replayed through the real Session: same prompts, observations and checks. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { createReplayEngine } from '../../src/engines/replay/index.js';
import { createEnv } from '../../src/session/create-env.js';
import { parseSessionLines } from '../../src/session/session-file.js';
import { examplePath } from '../helpers/index.js';

describe('os example sessions replay', () => {
  it('replays both dialects with identical prompts, observations and passing checks', async () => {
    const records = parseSessionLines(readFileSync(examplePath('sessions/os.jsonl'), 'utf8'), 'os.jsonl');
    assert.deepEqual(
      records.map((record) => record.spec.dialect),
      ['pyautogui', 'computer13'],
    );
    const engine = createReplayEngine({ sessions: records });
    for (const record of records) {
      assert.equal(record.labels.recordedWith, 'scripted-model-server');
      assert.equal(record.labels.note, 'not a real environment');
      const env = await createEnv(record.spec, { engine });
      const reset = await env.reset({ seed: record.seed });
      assert.equal(reset.observation, record.initialObservation);
      let last = false;
      for (const recorded of record.turns) {
        const result = await env.step(recorded.action);
        assert.equal(result.info.turn.prompt, recorded.prompt);
        assert.equal(result.observation, recorded.observation);
        assert.deepEqual(result.info.turn.checks, recorded.checks);
        assert.ok(
          recorded.checks.every((check) => check.status !== 'fail'),
          `${record.id} turn ${recorded.index}`,
        );
        last = result.terminated;
      }
      assert.equal(last, true, 'the example ends with DONE');
      assert.equal(env.turns.length, record.turns.length);
    }
  });
});
