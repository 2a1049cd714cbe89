import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ANONYMOUS_OWNER, ownerHashOf } from '../../src/server/sessions/index.js';
import { type ServerFixture, serverForSuite } from './server-fixture.js';

const KEY = 'python-trainer-key-0123456789';

describe('a Python trainer (standard library only) drives the HTTP env server', () => {
  const keyed = serverForSuite('python', [KEY]);
  const keyless = serverForSuite('python-keyless', []);

  it('reset, step, a rejected action, fork, state, completion and close work from urllib', async () => {
    await runTrainer(keyed(), ownerHashOf(KEY));
  });

  it('works against a keyless loopback server too (its Host, no Origin, application/json bodies)', async () => {
    await runTrainer(keyless(), ANONYMOUS_OWNER);
  });
});

/** Runs the urllib client against `server` and checks what it saw against the store (sessions of `owner`). */
async function runTrainer(server: ServerFixture, owner: string): Promise<void> {
  const script = join(import.meta.dirname, 'python_trainer_client.py');
  // Asynchronous: the server answers from this process's event loop. (A keyless server ignores the key.)
  const run = await promisify(execFile)('python3', [script, server.server.url, KEY], { timeout: 600_000 });
  const seen = JSON.parse(run.stdout) as {
    session_id: string;
    fork_id: string;
    observations: string[];
    rewards: number[];
    state: { turns?: number; turn?: number };
  };
  assert.match(seen.observations[0] ?? '', /:\/workspace# $/, 'the reset observation is the initial screen');
  assert.equal(seen.observations.length, 4);
  assert.match(seen.observations[3] ?? '', /scripted observation for turn 3/);
  assert.deepEqual(seen.rewards, [0, 0, 0]);
  assert.notEqual(seen.fork_id, seen.session_id);
  // What the Python client did is what the store holds: 4 turns (3 steps + completion), then closed.
  const record = await server.manager.record(owner, seen.session_id);
  assert.equal(record.turns.length, 4);
  assert.equal(record.closed, true);
}
