import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ownerHashOf } from '../../src/server/sessions/index.js';
import { keyedServerForSuite } from './server-fixture.js';

const KEY = 'python-websocket-key-0123456789';

/** The first Python that can import `websockets` (Debian's python3-websockets lives in /usr/bin/python3's path). */
function pythonWithWebsockets(): string | undefined {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(candidate, ['-c', 'import websockets'], { stdio: 'ignore', timeout: 120_000 });
      return candidate;
    } catch {
      // not installed for this interpreter
    }
  }
  return undefined;
}

const python = pythonWithWebsockets();

describe('a Python client (websockets library) drives /ws the way OpenEnv’s EnvClient does', () => {
  const server = keyedServerForSuite('python-ws', KEY);

  it('refused without the key; reset, a rejected action, steps, state and close work', {
    skip: python === undefined ? 'no Python with websockets (apt-get install python3-websockets)' : false,
  }, async () => {
    const script = join(import.meta.dirname, 'python_websocket_client.py');
    // Asynchronous: the server answers from this process's event loop.
    const run = await promisify(execFile)(python as string, [script, server().server.url, KEY], {
      timeout: 600_000,
    });
    const seen = JSON.parse(run.stdout) as {
      session_id: string;
      observations: string[];
      rewards: number[];
      state: { step_count: number; episode_id: string; session_id: string };
      rejected: { code: string; details: { path: string } };
      refused_status: number;
      close_code: number;
    };
    assert.equal(seen.refused_status, 401);
    assert.match(
      seen.observations[0] ?? '',
      /:\/workspace# $/,
      'the reset observation is the initial screen',
    );
    assert.equal(seen.observations.length, 4);
    assert.match(seen.observations[3] ?? '', /scripted observation for turn 3/);
    assert.deepEqual(seen.rewards, [0, 0, 0]);
    assert.equal(seen.rejected.details.path, '$[0].keystrokes');
    assert.equal(seen.state.session_id, seen.session_id);
    assert.equal(seen.state.step_count, 3);
    assert.equal(seen.state.episode_id, 'python-ws');
    assert.equal(seen.close_code, 1000);
    // What the Python client did is what the store holds: 3 turns, then closed.
    const record = await server().manager.record(ownerHashOf(KEY), seen.session_id);
    assert.equal(record.turns.length, 3);
    assert.equal(record.closed, true);
  });
});
