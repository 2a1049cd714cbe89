/**
 * The HTTP env server end to end: a real server on a free loopback port, real fetch, a real SQLite file and
 * the lwm engine talking to the scripted model server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SessionRecordSchema } from '../../src/core/turn.js';
import { startHttpServer } from '../../src/server/http/index.js';
import { SessionManager, SessionRepository } from '../../src/server/sessions/index.js';
import { openStore } from '../../src/store/index.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';
import { expectAgentWorldError, fastLwmEngine, tempStores } from '../helpers/index.js';
import { startServerFixture } from './server-fixture.js';

const keys = (command: string) => [{ keystrokes: `${command}\n`, duration: 0.5 }];
const stores = tempStores('http-server');
let model: ScriptedModelServer;
before(async () => {
  model = await startScriptedModelServer();
});
after(async () => {
  await model.close();
  stores.remove();
});

describe('HTTP env server: session round trip', () => {
  it('reset, step, state, fork, trajectory, close, with OpenEnv-shaped answers and metrics', async () => {
    const engine = fastLwmEngine(model);
    const fixture = await startServerFixture({ engine, storePath: stores.freshPath() });
    try {
      const { call } = fixture;
      const reset = await call('POST', '/reset', { spec: 'terminal', seed: 7, episode_id: 'ep-1' });
      assert.equal(reset.status, 200, JSON.stringify(reset.body));
      const id: string = reset.body.session_id;
      assert.match(id, /^s_[A-Za-z0-9_-]{24}$/);
      assert.equal(reset.body.done, false);
      assert.equal(reset.body.reward, null);
      assert.equal(reset.body.info.seed, 7);
      assert.match(reset.body.observation, /root@64fd58b770d7:\/workspace# $/);

      const step = await call('POST', '/step', { session_id: id, action: keys('ls'), timeout_s: 30 });
      assert.equal(step.status, 200, JSON.stringify(step.body));
      assert.equal(step.body.session_id, id);
      assert.match(step.body.observation, /^scripted observation for turn 1 /);
      assert.equal(step.body.done, false);
      assert.equal(step.body.terminated, false);
      assert.equal(step.body.truncated, false);
      assert.equal(step.body.reward, 0);
      assert.equal(step.body.info.turn.index, 1);
      assert.equal(step.body.info.turn.provenance.source, 'simulated');

      const state = await call('GET', `/state?session_id=${id}`);
      assert.equal(state.status, 200);
      assert.equal(state.body.step_count, 1);
      assert.equal(state.body.episode_id, 'ep-1');
      assert.equal(state.body.observation, step.body.observation);
      assert.equal(state.body.closed, false);

      const fork = await call('POST', '/fork', { session_id: id });
      assert.equal(fork.status, 200, JSON.stringify(fork.body));
      const child: string = fork.body.session_id;
      assert.notEqual(child, id);
      assert.equal(fork.body.forked_at_turn, 1);
      const childStep = await call('POST', '/step', { session_id: child, action: keys('pwd') });
      assert.equal(childStep.body.info.turn.index, 2);
      assert.equal(
        (await call('GET', `/state?session_id=${id}`)).body.step_count,
        1,
        'the parent is unchanged',
      );

      const trajectory = await call('GET', `/sessions/${child}/trajectory`);
      assert.equal(trajectory.status, 200);
      const record = SessionRecordSchema.parse(trajectory.body);
      assert.equal(record.parentId, id);
      assert.deepEqual(
        record.turns.map((turn) => turn.index),
        [1, 2],
      );

      const listed = await call('GET', '/sessions');
      assert.deepEqual(
        new Set(listed.body.sessions.map((entry: { id: string }) => entry.id)),
        new Set([id, child]),
      );

      const closed = await call('POST', '/close', { session_id: id });
      assert.deepEqual(closed.body, { session_id: id, closed: true, was_open: true });
      assert.equal((await call('POST', '/close', { session_id: id })).body.was_open, false);
      const afterClose = await call('POST', '/step', { session_id: id, action: keys('ls') });
      assert.equal(afterClose.status, 409);
      assert.equal(afterClose.body.error.code, 'SESSION_CLOSED');
      assert.equal((await call('GET', `/state?session_id=${id}`)).body.closed, true);

      const metrics = await call('GET', '/metrics');
      assert.equal(metrics.status, 200);
      assert.match(metrics.body, /agentworld_steps_total\{outcome="ok"\} 2/);
      assert.match(metrics.body, /agentworld_steps_total\{outcome="SESSION_CLOSED"\} 1/);
      assert.match(metrics.body, /agentworld_step_duration_seconds_count 2/);
      assert.match(metrics.body, /agentworld_sessions_open 1/);
      const health = await call('GET', '/health');
      assert.equal(health.body.status, 'ok');
    } finally {
      await fixture.stop();
      await engine.close();
    }
  });

  it('GET /schema gives request and answer schemas, and the action schema of a named spec', async () => {
    const engine = fastLwmEngine(model);
    const fixture = await startServerFixture({ engine, storePath: stores.freshPath() });
    try {
      const plain = await fixture.call('GET', '/schema');
      assert.equal(plain.status, 200);
      assert.deepEqual(plain.body.step_request.required, ['session_id', 'action']);
      assert.ok(plain.body.step_response.properties.done);
      assert.ok(plain.body.worldspec.properties.domain);
      assert.equal(plain.body.action, undefined);
      const withAction = await fixture.call('GET', '/schema?spec=terminal');
      assert.equal(withAction.body.action.type, 'array');
      const bad = await fixture.call('GET', '/schema?spec=../../etc/passwd');
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error.code, 'INVALID_SPEC');
    } finally {
      await fixture.stop();
      await engine.close();
    }
  });
});

describe('HTTP env server: persistence', () => {
  it('a new server on the same SQLite file serves the same session at the same turn', async () => {
    const engine = fastLwmEngine(model);
    const path = stores.freshPath();
    const first = await startServerFixture({ engine, storePath: path });
    const id: string = (await first.call('POST', '/reset', { spec: 'terminal', seed: 3 })).body.session_id;
    const turnOne = await first.call('POST', '/step', { session_id: id, action: keys('echo hi') });
    assert.equal(turnOne.status, 200);
    await first.stop();

    const second = await startServerFixture({ engine, storePath: path });
    try {
      const state = await second.call('GET', `/state?session_id=${id}`);
      assert.equal(state.status, 200);
      assert.equal(state.body.step_count, 1);
      assert.equal(state.body.observation, turnOne.body.observation);
      assert.equal(state.body.seed, 3);
      model.resetStats();
      const turnTwo = await second.call('POST', '/step', { session_id: id, action: keys('pwd') });
      assert.equal(turnTwo.body.info.turn.index, 2);
      // The reloaded history is sent to the model byte for byte: turn 1's prompt and observation.
      const sent = model.completionBodies[0]?.messages as Array<{ role: string; content: string }>;
      assert.equal(sent.length, 4);
      assert.ok(sent[2]?.content.includes(turnOne.body.observation), 'turn 1 observation is in history');
    } finally {
      await second.stop();
      await engine.close();
    }
  });

  it('evicts idle sessions beyond the live maximum and reloads them on demand', async () => {
    const engine = fastLwmEngine(model);
    const fixture = await startServerFixture({
      engine,
      storePath: stores.freshPath(),
      manager: { maxLiveSessions: 1 },
    });
    try {
      const a: string = (await fixture.call('POST', '/reset', { spec: 'terminal' })).body.session_id;
      const b: string = (await fixture.call('POST', '/reset', { spec: 'terminal' })).body.session_id;
      assert.equal(fixture.manager.liveCount, 1);
      const stepA = await fixture.call('POST', '/step', { session_id: a, action: keys('ls') });
      assert.equal(stepA.status, 200);
      const stepB = await fixture.call('POST', '/step', { session_id: b, action: keys('ls') });
      assert.equal(stepB.body.info.turn.index, 1);
      const again = await fixture.call('POST', '/step', { session_id: a, action: keys('pwd') });
      assert.equal(again.body.info.turn.index, 2);
      assert.equal(fixture.manager.liveCount, 1);
    } finally {
      await fixture.stop();
      await engine.close();
    }
  });

  it('the reaper closes sessions unused for longer than the limit', async () => {
    const engine = fastLwmEngine(model);
    let now = Date.now();
    const fixture = await startServerFixture({
      engine,
      storePath: stores.freshPath(),
      // The manager's clock, moved forward by the test (no sleeping, so a busy machine changes nothing).
      manager: { reapAfterMs: 60_000, evictAfterMs: 0, clock: () => now },
    });
    try {
      const old: string = (await fixture.call('POST', '/reset', { spec: 'terminal' })).body.session_id;
      now += 90_000;
      const fresh: string = (await fixture.call('POST', '/reset', { spec: 'terminal' })).body.session_id;
      assert.deepEqual(
        await fixture.manager.sweep(),
        { evicted: 2, reaped: 1 },
        'both leave memory, the old one is closed',
      );
      const stepOld = await fixture.call('POST', '/step', { session_id: old, action: keys('ls') });
      assert.equal(stepOld.body.error.code, 'SESSION_CLOSED');
      const stepFresh = await fixture.call('POST', '/step', { session_id: fresh, action: keys('ls') });
      assert.equal(stepFresh.status, 200);
    } finally {
      await fixture.stop();
      await engine.close();
    }
  });
});

describe('HTTP env server: security', () => {
  const KEY_A = 'key-a-0123456789abcdef';
  const KEY_B = 'key-b-0123456789abcdef';

  it('needs a valid key, and a key reaches only its own sessions', async () => {
    const engine = fastLwmEngine(model);
    const fixture = await startServerFixture({
      engine,
      storePath: stores.freshPath(),
      apiKeys: [KEY_A, KEY_B],
    });
    try {
      const { call } = fixture;
      const anonymous = await call('POST', '/reset', { spec: 'terminal' });
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.body.error.code, 'UNAUTHORIZED');
      assert.equal((await call('POST', '/reset', { spec: 'terminal' }, 'wrong-key')).status, 401);
      assert.equal((await call('GET', '/health')).status, 200, 'health needs no key');

      const mine = await call('POST', '/reset', { spec: 'terminal' }, KEY_A);
      const id: string = mine.body.session_id;
      assert.equal((await call('POST', '/step', { session_id: id, action: keys('ls') }, KEY_A)).status, 200);
      const stolen = await call('POST', '/step', { session_id: id, action: keys('ls') }, KEY_B);
      const unknown = await call(
        'POST',
        '/step',
        { session_id: 's_doesnotexist', action: keys('ls') },
        KEY_B,
      );
      assert.equal(stolen.status, 404);
      assert.equal(stolen.body.error.code, 'SESSION_NOT_FOUND');
      assert.equal(unknown.body.error.code, 'SESSION_NOT_FOUND');
      for (const path of [`/state?session_id=${id}`, `/sessions/${id}/trajectory`]) {
        assert.equal((await call('GET', path, undefined, KEY_B)).status, 404, path);
      }
      assert.equal((await call('POST', '/fork', { session_id: id }, KEY_B)).status, 404);
      assert.equal((await call('POST', '/close', { session_id: id }, KEY_B)).status, 404);
      assert.deepEqual((await call('GET', '/sessions', undefined, KEY_B)).body.sessions, []);
      assert.equal((await call('GET', `/state?session_id=${id}`, undefined, KEY_A)).body.step_count, 1);
    } finally {
      await fixture.stop();
      await engine.close();
    }
  });

  it('refuses to listen beyond loopback without keys', async () => {
    const store = await openStore(':memory:');
    const engine = fastLwmEngine(model);
    const manager = new SessionManager({
      repository: new SessionRepository(store),
      engine,
      sweepIntervalMs: 0,
    });
    try {
      await expectAgentWorldError(startHttpServer({ manager, host: '0.0.0.0', port: 0 }), 'CONFIG_INVALID');
    } finally {
      manager.shutdown();
      await store.close();
      await engine.close();
    }
  });

  it('caps open sessions per key with CAPACITY_REACHED', async () => {
    const engine = fastLwmEngine(model);
    const fixture = await startServerFixture({
      engine,
      storePath: stores.freshPath(),
      apiKeys: [KEY_A, KEY_B],
      manager: { maxOpenSessionsPerOwner: 2 },
    });
    try {
      const { call } = fixture;
      const first: string = (await call('POST', '/reset', { spec: 'terminal' }, KEY_A)).body.session_id;
      assert.equal((await call('POST', '/reset', { spec: 'terminal' }, KEY_A)).status, 200);
      const third = await call('POST', '/reset', { spec: 'terminal' }, KEY_A);
      assert.equal(third.status, 429);
      assert.equal(third.body.error.code, 'CAPACITY_REACHED');
      assert.equal(
        (await call('POST', '/fork', { session_id: first }, KEY_A)).body.error.code,
        'CAPACITY_REACHED',
      );
      assert.equal(
        (await call('POST', '/reset', { spec: 'terminal' }, KEY_B)).status,
        200,
        'other keys are unaffected',
      );
      await call('POST', '/close', { session_id: first }, KEY_A);
      assert.equal((await call('POST', '/reset', { spec: 'terminal' }, KEY_A)).status, 200);
    } finally {
      await fixture.stop();
      await engine.close();
    }
  });
});
