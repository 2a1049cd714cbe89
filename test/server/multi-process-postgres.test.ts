/**
 * Several `agentworld serve` processes on one PostgreSQL, as behind a load balancer without sticky sessions:
 * any process steps any session (its copy in memory is dropped when another process has stepped it since), two
 * processes never step one session at once (the second gets SESSION_BUSY, retryable), and a process killed with
 * SIGKILL mid-step blocks its session only until its lease expires; the step it never committed is not there.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';
import { type PostgresServer, startPostgresServer } from '../helpers/index.js';
import { type ServeProcess, startServeProcess, stopServeProcess } from './serve-process-spawn.js';
import type { JsonAnswer } from './server-fixture.js';

/** Each model answer takes this long, so a step is still running when the test acts on another process. */
const MODEL_LATENCY_MS = 4_000;
const LEASE_TTL_S = 8;

let postgres: PostgresServer;
let model: ScriptedModelServer;
before(async () => {
  postgres = await startPostgresServer();
  model = await startScriptedModelServer({ latencyMs: MODEL_LATENCY_MS });
});
after(async () => {
  await model?.close();
  await postgres?.destroy();
});

async function startServer(store: string): Promise<ServeProcess> {
  return startServeProcess({
    store,
    port: 0,
    engine: 'lwm',
    modelUrl: model.url,
    model: model.model,
    maxRetries: 0,
    leaseTtlS: LEASE_TTL_S,
  });
}

async function call(
  server: ServeProcess,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: JsonAnswer }> {
  const response = await fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as JsonAnswer };
}

const keys = (command: string) => [{ keystrokes: `${command}\n`, duration: 0.5 }];

/** Resolves once the model server has received `count` completion requests in all. */
async function modelRequestsReach(count: number): Promise<void> {
  for (let attempt = 0; attempt < 60_000 && model.completionBodies.length < count; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  assert.ok(model.completionBodies.length >= count, 'the model server received the step');
}

describe('serve processes sharing one PostgreSQL', { timeout: 600_000 }, () => {
  it('step any session, one process at a time, with copies in memory refreshed from the store', async () => {
    const store = await postgres.createDatabase();
    const first = await startServer(store);
    let second: ServeProcess | undefined;
    try {
      second = await startServer(store);
      const reset = await call(first, '/reset', { spec: 'terminal', seed: 5 });
      assert.equal(reset.status, 200);
      const id = reset.body.session_id as string;
      const health = await call(second, '/health');
      assert.equal(health.body.status, 'ok');
      assert.equal(health.body.store.kind, 'postgres');

      // A step on the first process; while its model call runs, the second process is refused the session.
      const before = model.completionBodies.length;
      const running = call(first, '/step', { session_id: id, action: keys('ls') });
      await modelRequestsReach(before + 1);
      const refused = await call(second, '/step', { session_id: id, action: keys('pwd') });
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error.code, 'SESSION_BUSY');
      assert.equal(refused.body.error.retryable, true);
      const one = await running;
      assert.equal(one.status, 200);
      assert.equal(one.body.info.turn.index, 1);

      // Alternating processes, as a balancer without sticky sessions would send them.
      const two = await call(second, '/step', { session_id: id, action: keys('pwd') });
      assert.equal(two.status, 200);
      assert.equal(two.body.info.turn.index, 2);
      // The first process still holds the one-turn copy from its step: it must see the second turn.
      const three = await call(first, '/step', { session_id: id, action: keys('echo three') });
      assert.equal(three.status, 200);
      assert.equal(three.body.info.turn.index, 3);
      const state = await call(first, `/state?session_id=${id}`);
      assert.equal(state.body.step_count, 3);
      const trajectory = await call(second, `/sessions/${id}/trajectory`);
      assert.deepEqual(
        trajectory.body.turns.map((turn: { index: number }) => turn.index),
        [1, 2, 3],
      );
      // The third request to the model carried all three actions: the first process stepped from the stored history.
      const lastPrompt = JSON.stringify(model.completionBodies.at(-1));
      for (const command of ['ls', 'pwd', 'echo three']) assert.ok(lastPrompt.includes(command), command);

      // Closed on one process, closed on the other.
      assert.equal((await call(second, '/close', { session_id: id })).status, 200);
      const afterClose = await call(first, '/step', { session_id: id, action: keys('ls') });
      assert.equal(afterClose.status, 409);
      assert.equal(afterClose.body.error.code, 'SESSION_CLOSED');
    } finally {
      await stopServeProcess(second);
      await stopServeProcess(first);
    }
  });

  it('a process killed mid-step blocks the session only until its lease expires, and commits nothing', async () => {
    const store = await postgres.createDatabase();
    const doomed = await startServer(store);
    let survivor: ServeProcess | undefined;
    try {
      survivor = await startServer(store);
      const reset = await call(doomed, '/reset', { spec: 'terminal', seed: 9 });
      const id = reset.body.session_id as string;
      assert.equal((await call(doomed, '/step', { session_id: id, action: keys('ls') })).status, 200);

      const before = model.completionBodies.length;
      const lost = call(doomed, '/step', { session_id: id, action: keys('touch never-committed') }).catch(
        () => undefined,
      );
      await modelRequestsReach(before + 1);
      const exited = new Promise((resolve) => doomed.child.once('exit', resolve));
      doomed.child.kill('SIGKILL');
      await exited;
      await lost;

      // Right after the crash the lease is still held; the survivor answers SESSION_BUSY (retryable) until it
      // expires, then steps the session from its last committed turn.
      let answer = await call(survivor, '/step', { session_id: id, action: keys('pwd') });
      let busy = 0;
      for (let attempt = 0; attempt < 600 && answer.status === 409; attempt++) {
        assert.equal(answer.body.error.code, 'SESSION_BUSY');
        busy += 1;
        await new Promise((resolve) => setTimeout(resolve, 200));
        answer = await call(survivor, '/step', { session_id: id, action: keys('pwd') });
      }
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.info.turn.index, 2);
      assert.ok(busy >= 1, 'the crashed process still held the lease right after the crash');
      const trajectory = await call(survivor, `/sessions/${id}/trajectory`);
      assert.equal(trajectory.body.turns.length, 2);
      assert.ok(!JSON.stringify(trajectory.body).includes('never-committed'));
    } finally {
      await stopServeProcess(survivor);
      await stopServeProcess(doomed);
    }
  });
});
