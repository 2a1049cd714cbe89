/**
 * The real corpus (corpus/real/, recorded by `npm run corpus:real` from the real engines) replayed through the
 * whole session engine: every recorded observation and prompt comes back byte for byte, and every domain check
 * passes on every real observation (a failure means a check is wrong about the real tool).
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readRealCorpus, readRealCorpusManifest, realCorpusDirectory } from '../../src/corpus/index.js';
import { createReplayEngine } from '../../src/engines/replay/index.js';
import { createEnv } from '../../src/session/create-env.js';

describe('the real corpus', () => {
  it('has a valid manifest whose parts are all present, recorded without a failed check', async () => {
    const manifest = await readRealCorpusManifest();
    assert.ok(Object.keys(manifest.parts).length > 0);
    let sessions = 0;
    for (const [name, part] of Object.entries(manifest.parts)) {
      assert.ok(existsSync(join(realCorpusDirectory(), part.file)), `${name}: ${part.file} is missing`);
      assert.deepEqual(part.failedChecks, [], `${name} was recorded with failed checks`);
      const records = await readRealCorpus({ parts: [name] });
      assert.equal(records.length, part.sessions, `${name}: manifest and file disagree`);
      assert.equal(
        records.reduce((sum, record) => sum + record.turns.length, 0),
        part.turns,
        `${name}: turn counts disagree`,
      );
      for (const record of records) {
        assert.ok(
          record.turns.every((turn) => turn.provenance.source === 'real'),
          `${record.id}: a turn not from a real engine`,
        );
      }
      sessions += records.length;
    }
    assert.equal(sessions, manifest.sessions);
  });

  it('replays every session byte for byte, every domain check passing on the real observations', async () => {
    const records = await readRealCorpus();
    const engine = await createReplayEngine({ sessions: records });
    const problems: string[] = [];
    try {
      for (const record of records) {
        const env = await createEnv(record.spec, { engine, id: `replay-${record.id}` });
        await env.reset({ seed: record.seed });
        for (const recorded of record.turns) {
          const result = await env.step(recorded.action);
          const turn = result.info.turn;
          if (result.observation !== recorded.observation)
            problems.push(`${record.id} turn ${turn.index}: observation`);
          if (turn.prompt !== recorded.prompt) problems.push(`${record.id} turn ${turn.index}: prompt`);
          for (const check of turn.checks) {
            if (check.status === 'fail')
              problems.push(`${record.id} turn ${turn.index}: ${check.id}: ${check.message}`);
          }
        }
        await env.close();
      }
    } finally {
      await engine.close();
    }
    assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
  });
});
