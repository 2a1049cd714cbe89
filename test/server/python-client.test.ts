import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ownerHashOf } from '../../src/server/sessions/index.js';
import { keyedServerForSuite } from './server-fixture.js';

const KEY = 'python-trainer-key-0123456789';

describe('a Python trainer (standard library only) drives the HTTP env server', () => {
  const server = keyedServerForSuite('python', KEY);

  it('reset, step, a rejected action, fork, state, completion and close work from urllib', async () => {
    const script = join(import.meta.dirname, 'python_trainer_client.py');
    // Asynchronous: the server answers from this process's event loop.
    const run = await promisify(execFile)('python3', [script, server().server.url, KEY], { timeout: 60_000 });
    const seen = JSON.parse(run.stdout) as {
      session_id: string;
      fork_id: string;
      observations: string[];
      rewards: number[];
      state: { turns?: number; turn?: number };
    };
    assert.match(
      seen.observations[0] ?? '',
      /:\/workspace# $/,
      'the reset observation is the initial screen',
    );
    assert.equal(seen.observations.length, 4);
    assert.match(seen.observations[3] ?? '', /scripted observation for turn 3/);
    assert.deepEqual(seen.rewards, [0, 0, 0]);
    assert.notEqual(seen.fork_id, seen.session_id);
    // What the Python client did is what the store holds: 4 turns (3 steps + completion), then closed.
    const record = server().manager.record(ownerHashOf(KEY), seen.session_id);
    assert.equal(record.turns.length, 4);
    assert.equal(record.closed, true);
  });
});
