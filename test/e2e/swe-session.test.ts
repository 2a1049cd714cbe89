/** Replays the swe sessions recorded in a real git repository, through the real Session and the replay engine. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { SessionRecordSchema } from '../../src/core/turn.js';
import { SWE_DIALECTS } from '../../src/domains/swe/index.js';
import { createReplayEngine } from '../../src/engines/replay/index.js';
import { createEnv } from '../../src/session/create-env.js';
import { examplePath } from '../helpers/index.js';

const records = readFileSync(examplePath('sessions/swe.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim().length > 0)
  .map((line) => SessionRecordSchema.parse(JSON.parse(line)));

describe('swe recorded sessions', () => {
  it('cover every dialect and were recorded from the real executor', () => {
    assert.deepEqual(records.map((record) => record.labels.dialect).sort(), [...SWE_DIALECTS].sort());
    for (const record of records) assert.equal(record.labels.recordedWith, 'real-swe');
  });

  it('replay with the same prompts, observations and checks, none failing', async () => {
    const engine = createReplayEngine({ sessions: records });
    for (const record of records) {
      const env = await createEnv(record.spec, { engine });
      const reset = await env.reset({ seed: record.seed });
      assert.equal(reset.observation, record.initialObservation);
      for (const recorded of record.turns) {
        assert.equal(recorded.provenance.engine, 'real-swe');
        const result = await env.step(recorded.action);
        assert.equal(result.info.turn.prompt, recorded.prompt);
        assert.equal(result.observation, recorded.observation);
        assert.deepEqual(result.info.turn.checks, recorded.checks);
        assert.ok(
          recorded.checks.every((check) => check.status !== 'fail'),
          `${record.id} turn ${recorded.index}`,
        );
      }
      // At least one read-back of a written file was checked in every session.
      assert.ok(
        record.turns.some((turn) =>
          turn.checks.some((check) => check.id === 'read-shows-written' && check.status === 'pass'),
        ),
        record.id,
      );
    }
    await engine.close();
  });
});
