/**
 * The OpenEnv-style WebSocket endpoint `/ws` end to end: a real server on a free loopback port, the real `ws`
 * client, a real SQLite file and the lwm engine talking to the scripted model server.
 */
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { SessionRecordSchema } from '../../src/core/turn.js';
import { MAX_QUEUED_MESSAGES, startHttpServer } from '../../src/server/http/index.js';
import { SessionManager, SessionRepository } from '../../src/server/sessions/index.js';
import { openStore } from '../../src/store/index.js';
import {
  defaultScriptedResponder,
  type ScriptedModelServer,
  startScriptedModelServer,
} from '../../src/testing/index.js';
import { fastLwmEngine, tempStores, waitFor } from '../helpers/index.js';
import { type JsonAnswer, startServerFixture } from './server-fixture.js';

const keys = (command: string) => [{ keystrokes: `${command}\n`, duration: 0.5 }];
/** Keystrokes the scripted model never answers, so a client can hang up while the step runs. */
const HANG = 'hang-here';

const stores = tempStores('websocket');
let model: ScriptedModelServer;
before(async () => {
  model = await startScriptedModelServer({
    script: (request) =>
      request.messages.at(-1)?.content.includes(HANG) === true
        ? { type: 'hang' }
        : defaultScriptedResponder(request),
  });
});
after(async () => {
  await model.close();
  stores.remove();
});

/** A real `ws` client that collects the server's messages in order and the close code. */
class TestSocket {
  private readonly received: JsonAnswer[] = [];
  private readonly waiting: Array<(message: JsonAnswer) => void> = [];
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const message: JsonAnswer = JSON.parse(String(data));
      const waiter = this.waiting.shift();
      if (waiter === undefined) this.received.push(message);
      else waiter(message);
    });
    this.closed = new Promise((resolve) => {
      socket.on('close', (code, reason) => resolve({ code, reason: String(reason) }));
    });
  }

  static open(url: string, options: { key?: string; autoPong?: boolean } = {}): Promise<TestSocket> {
    const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/ws`, {
      ...(options.key === undefined ? {} : { headers: { authorization: `Bearer ${options.key}` } }),
      ...(options.autoPong === undefined ? {} : { autoPong: options.autoPong }),
    });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new TestSocket(socket)));
      socket.once('error', reject);
    });
  }

  /** The next message from the server (those already received first). */
  next(timeoutMs = 120_000): Promise<JsonAnswer> {
    const ready = this.received.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no message from the server')), timeoutMs);
      this.waiting.push((message) => {
        clearTimeout(timer);
        resolve(message);
      });
    });
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  request(message: unknown): Promise<JsonAnswer> {
    this.send(message);
    return this.next();
  }
}

/** An upgrade the server refuses: its HTTP status and JSON body. */
function refusedUpgrade(
  url: string,
  headers: Record<string, string>,
  path = '/ws',
): Promise<{ status: number; body: JsonAnswer }> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}${path}`, { headers });
  return new Promise((resolve, reject) => {
    socket.once('open', () => reject(new Error('the upgrade was accepted')));
    socket.once('error', () => undefined);
    socket.once('unexpected-response', (_request, response: IncomingMessage) => {
      let text = '';
      response.on('data', (chunk) => {
        text += String(chunk);
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }));
    });
  });
}

function assertError(message: JsonAnswer, code: string, openenvCode: string): void {
  assert.equal(message.type, 'error', JSON.stringify(message));
  assert.equal(message.data.code, code, JSON.stringify(message));
  assert.equal(message.data.openenv_code, openenvCode);
  assert.equal(typeof message.data.message, 'string');
  assert.equal(typeof message.data.retryable, 'boolean');
}

describe('WebSocket /ws: sessions', () => {
  it('reset, step, state and close round trip; the session is the one HTTP serves', async () => {
    const engine = fastLwmEngine(model);
    const fixture = await startServerFixture({ engine, storePath: stores.freshPath() });
    try {
      const socket = await TestSocket.open(fixture.server.url);
      const reset = await socket.request({
        type: 'reset',
        data: { spec: 'terminal', seed: 7, episode_id: 'ep-ws' },
      });
      assert.equal(reset.type, 'observation', JSON.stringify(reset));
      const id: string = reset.data.session_id;
      assert.match(id, /^s_[A-Za-z0-9_-]{24}$/);
      assert.equal(reset.data.reward, null);
      assert.equal(reset.data.done, false);
      assert.equal(reset.data.terminated, false);
      assert.equal(reset.data.info.seed, 7);
      assert.match(reset.data.observation, /:\/workspace# $/);

      // The envelope form (an action that is a list), then the bare action as OpenEnv's client sends it.
      const first = await socket.request({ type: 'step', data: { action: keys('ls'), timeout_s: 30 } });
      assert.equal(first.type, 'observation', JSON.stringify(first));
      assert.equal(first.data.session_id, id);
      assert.match(
        first.data.observation,
        /^scripted observation for turn 1 [^\n]*\n[\s\S]*"keystrokes": "ls\\n"/,
      );
      assert.equal(first.data.reward, 0);
      assert.equal(first.data.done, false);
      assert.equal(first.data.truncated, false);
      assert.equal(first.data.info.turn.index, 1);
      assert.equal(first.data.info.turn.provenance.source, 'simulated');
      const second = await socket.request({ type: 'step', data: keys('pwd') });
      assert.equal(second.data.info.turn.index, 2);
      assert.match(second.data.observation, /^scripted observation for turn 2 [\s\S]*"keystrokes": "pwd\\n"/);

      const state = await socket.request({ type: 'state' });
      assert.equal(state.type, 'state');
      assert.equal(state.data.session_id, id);
      assert.equal(state.data.step_count, 2);
      assert.equal(state.data.episode_id, 'ep-ws');
      assert.equal(state.data.observation, second.data.observation);
      const overHttp = await fixture.call('GET', `/state?session_id=${id}`);
      assert.deepEqual(overHttp.body, state.data, 'the state message is the body of GET /state');

      socket.send({ type: 'close' });
      assert.equal((await socket.closed).code, 1000);
      const trajectory = await fixture.call('GET', `/sessions/${id}/trajectory`);
      const record = SessionRecordSchema.parse(trajectory.body);
      assert.equal(record.closed, true);
      assert.deepEqual(
        record.turns.map((turn) => turn.observation),
        [first.data.observation, second.data.observation],
      );

      const metrics = await waitForMetrics(fixture.call, /agentworld_ws_connections_open 0/);
      assert.match(metrics, /agentworld_steps_total\{outcome="ok"\} 2/);
      assert.match(metrics, /agentworld_http_requests_total\{route="\/ws",status="101"\} 1/);
      const schema = await fixture.call('GET', '/schema');
      assert.ok(schema.body.ws_message, 'GET /schema describes the WebSocket messages');
      assert.ok(schema.body.ws_error.properties.data);
    } finally {
      await fixture.stop();
      await engine.close();
    }
  });

  it('handles messages in order, and a second reset starts a new session after closing the first', async () => {
    const engine = fastLwmEngine(model);
    const fixture = await startServerFixture({ engine, storePath: stores.freshPath() });
    try {
      const socket = await TestSocket.open(fixture.server.url);
      // Sent at once: each waits for the one before it.
      socket.send({ type: 'reset', data: { spec: 'terminal', seed: 1 } });
      socket.send({ type: 'step', data: { action: keys('echo one') } });
      socket.send({ type: 'step', data: { action: keys('echo two') } });
      socket.send({ type: 'state' });
      const answers = [await socket.next(), await socket.next(), await socket.next(), await socket.next()];
      assert.deepEqual(
        answers.map((answer) => answer.type),
        ['observation', 'observation', 'observation', 'state'],
        JSON.stringify(answers),
      );
      assert.equal(answers[1].data.info.turn.index, 1);
      assert.equal(answers[2].data.info.turn.index, 2);
      assert.equal(answers[3].data.step_count, 2);
      const firstId: string = answers[0].data.session_id;

      const again = await socket.request({ type: 'reset', data: { spec: 'terminal', seed: 2 } });
      const secondId: string = again.data.session_id;
      assert.notEqual(secondId, firstId);
      assert.equal((await socket.request({ type: 'state' })).data.step_count, 0);
      const firstState = await fixture.call('GET', `/state?session_id=${firstId}`);
      assert.equal(firstState.body.closed, true, 'the first session was closed');
      assert.equal(firstState.body.step_count, 2, 'and kept its turns');
      socket.socket.close();
      await socket.closed;
    } finally {
      await fixture.stop();
      await engine.close();
    }
  });

  it('two sockets hold two independent sessions', async () => {
    const engine = fastLwmEngine(model);
    const fixture = await startServerFixture({ engine, storePath: stores.freshPath() });
    try {
      const [a, b] = await Promise.all([
        TestSocket.open(fixture.server.url),
        TestSocket.open(fixture.server.url),
      ]);
      const [resetA, resetB] = await Promise.all([
        a.request({ type: 'reset', data: { spec: 'terminal', seed: 3 } }),
        b.request({ type: 'reset', data: { spec: 'terminal', seed: 4 } }),
      ]);
      assert.notEqual(resetA.data.session_id, resetB.data.session_id);
      const stepA = await a.request({ type: 'step', data: { action: keys('ls') } });
      await a.request({ type: 'step', data: { action: keys('ls -la') } });
      const stepB = await b.request({ type: 'step', data: { action: keys('whoami') } });
      assert.equal(stepB.data.info.turn.index, 1, 'B is not affected by the steps of A');
      assert.equal(resetA.data.info.seed, 3);
      assert.equal(resetB.data.info.seed, 4);
      assert.match(stepA.data.observation, /"keystrokes": "ls\\n"/);
      assert.match(stepB.data.observation, /"keystrokes": "whoami\\n"/);
      assert.equal((await a.request({ type: 'state' })).data.step_count, 2);
      assert.equal((await b.request({ type: 'state' })).data.step_count, 1);
      const metrics = (await fixture.call('GET', '/metrics')).body as string;
      assert.match(metrics, /agentworld_ws_connections_open 2/);

      a.socket.close();
      await a.closed;
      assert.equal((await waitForClosed(fixture.call, resetA.data.session_id)).step_count, 2);
      const stateB = await fixture.call('GET', `/state?session_id=${resetB.data.session_id}`);
      assert.equal(stateB.body.closed, false, 'B stays open while its socket is');
      assert.equal((await b.request({ type: 'step', data: { action: keys('id') } })).data.info.turn.index, 2);
      b.socket.close();
      await b.closed;
    } finally {
      await fixture.stop();
      await engine.close();
    }
  });
});

describe('WebSocket /ws: errors keep the socket usable', () => {
  it('malformed JSON, unknown types, missing reset, bad fields and bad actions each get their code', async () => {
    const engine = fastLwmEngine(model);
    const fixture = await startServerFixture({ engine, storePath: stores.freshPath() });
    try {
      const socket = await TestSocket.open(fixture.server.url);
      assertError(await socket.request('{"type": "reset"'), 'INVALID_REQUEST', 'INVALID_JSON');
      assertError(await socket.request('[1, 2]'), 'INVALID_REQUEST', 'VALIDATION_ERROR');
      const unknown = await socket.request({ type: 'teleport', data: {} });
      assertError(unknown, 'INVALID_REQUEST', 'UNKNOWN_TYPE');
      assert.match(unknown.data.message, /teleport/);
      assertError(
        await socket.request({ type: 'step', data: { action: keys('ls') } }),
        'SESSION_NOT_STARTED',
        'SESSION_ERROR',
      );
      assertError(await socket.request({ type: 'state' }), 'SESSION_NOT_STARTED', 'SESSION_ERROR');
      const badSeed = await socket.request({ type: 'reset', data: { spec: 'terminal', seed: -1 } });
      assertError(badSeed, 'INVALID_REQUEST', 'VALIDATION_ERROR');
      assert.equal(badSeed.data.details.path, '$.data.seed');
      assertError(
        await socket.request({ type: 'reset', data: { spec: { domain: 'terminal', dialect: 'klingon' } } }),
        'INVALID_SPEC',
        'VALIDATION_ERROR',
      );
      assertError(await socket.request({ type: 'reset', data: {} }), 'INVALID_REQUEST', 'VALIDATION_ERROR');

      const reset = await socket.request({ type: 'reset', data: { spec: 'terminal' } });
      assert.equal(reset.type, 'observation');
      const badAction = await socket.request({
        type: 'step',
        data: { action: [{ duration: 1 }] },
      });
      assertError(badAction, 'INVALID_ACTION', 'VALIDATION_ERROR');
      assert.equal(badAction.data.details.path, '$[0].keystrokes');
      assertError(await socket.request({ type: 'step' }), 'INVALID_REQUEST', 'VALIDATION_ERROR');
      assertError(
        await socket.request({ type: 'step', data: { action: keys('ls'), timeout_s: -5 } }),
        'INVALID_REQUEST',
        'VALIDATION_ERROR',
      );
      const good = await socket.request({ type: 'step', data: { action: keys('ls') } });
      assert.equal(good.type, 'observation', 'the socket still works after every error');
      assert.equal(good.data.info.turn.index, 1);
      const metrics = (await fixture.call('GET', '/metrics')).body as string;
      assert.match(metrics, /agentworld_steps_total\{outcome="INVALID_ACTION"\} 1/);
      socket.send({ type: 'close' });
      await socket.closed;
    } finally {
      await fixture.stop();
      await engine.close();
    }
  });

  it('refuses a missing or wrong key with 401 and creates nothing; sessions belong to the key', async () => {
    const key = 'ws-test-key-0123456789abcdef';
    const engine = fastLwmEngine(model);
    const fixture = await startServerFixture({ engine, storePath: stores.freshPath(), apiKeys: [key] });
    try {
      const missing = await refusedUpgrade(fixture.server.url, {});
      assert.equal(missing.status, 401);
      assert.equal(missing.body.error.code, 'UNAUTHORIZED');
      const wrong = await refusedUpgrade(fixture.server.url, { authorization: 'Bearer not-the-key' });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.error.code, 'UNAUTHORIZED');
      const elsewhere = await refusedUpgrade(fixture.server.url, { authorization: `Bearer ${key}` }, '/step');
      assert.equal(elsewhere.status, 404);
      assert.equal(elsewhere.body.error.code, 'NOT_FOUND');
      assert.equal(await fixture.manager.repository.countOpen(), 0, 'no session was created');

      const socket = await TestSocket.open(fixture.server.url, { key });
      const reset = await socket.request({ type: 'reset', data: { spec: 'terminal' } });
      const id: string = reset.data.session_id;
      assert.equal((await fixture.call('GET', `/state?session_id=${id}`, undefined, key)).status, 200);
      assert.equal((await fixture.call('GET', `/state?session_id=${id}`)).status, 401);
      const metrics = (await fixture.call('GET', '/metrics', undefined, key)).body as string;
      assert.match(metrics, /agentworld_http_requests_total\{route="\/ws",status="401"\} 2/);
      socket.send({ type: 'close' });
      await socket.closed;
    } finally {
      await fixture.stop();
      await engine.close();
    }
  });

  it('refuses an upgrade from another origin or to a foreign Host when the server has no keys', async () => {
    const engine = fastLwmEngine(model);
    const fixture = await startServerFixture({ engine, storePath: stores.freshPath() });
    try {
      const port = fixture.server.port;
      for (const [headers, header] of [
        [{ origin: 'https://evil.example' }, 'origin'],
        [{ origin: 'null' }, 'origin'],
        [{ origin: `http://localhost:${port + 1}` }, 'origin'],
        [{ host: 'evil.example:8080' }, 'host'],
        [{ host: `localhost.evil.example:${port}`, origin: `http://localhost.evil.example:${port}` }, 'host'],
      ] as const) {
        const refused = await refusedUpgrade(fixture.server.url, headers);
        assert.equal(refused.status, 403, JSON.stringify(headers));
        assert.equal(refused.body.error.code, 'FORBIDDEN');
        assert.equal(refused.body.error.details.header, header);
      }
      assert.equal(await fixture.manager.repository.countOpen(), 0, 'no session was created');
      const metrics = (await fixture.call('GET', '/metrics')).body as string;
      assert.match(metrics, /agentworld_http_requests_total\{route="\/ws",status="403"\} 5/);
      const loopbackName = await TestSocket.open(`http://localhost:${port}`);
      loopbackName.socket.close();
      const host = new URL(fixture.server.url).host;
      const socket = new WebSocket(`ws://${host}/ws`, { origin: `http://${host}` });
      await new Promise((resolve, reject) => {
        socket.once('open', resolve);
        socket.once('error', reject);
      });
      socket.close();
    } finally {
      await fixture.stop();
      await engine.close();
    }
  });

  it('a message over the size limit closes the socket with 1009; its session keeps what it committed', async () => {
    const engine = fastLwmEngine(model);
    const fixture = await startServerFixture({ engine, storePath: stores.freshPath(), maxBodyBytes: 4096 });
    try {
      const socket = await TestSocket.open(fixture.server.url);
      const reset = await socket.request({ type: 'reset', data: { spec: 'terminal' } });
      const id: string = reset.data.session_id;
      await socket.request({ type: 'step', data: { action: keys('ls') } });
      socket.send({ type: 'step', data: { action: keys('x'.repeat(10_000)) } });
      assert.equal((await socket.closed).code, 1009);
      const state = await waitForClosed(fixture.call, id);
      assert.equal(state.step_count, 1);
      const fresh = await TestSocket.open(fixture.server.url);
      assert.equal((await fresh.request({ type: 'reset', data: { spec: 'terminal' } })).type, 'observation');
      fresh.socket.close();
      await fresh.closed;
    } finally {
      await fixture.stop();
      await engine.close();
    }
  });

  it("the per-key session limit answers CAPACITY_REACHED and the socket can reset once there's room", async () => {
    const engine = fastLwmEngine(model);
    const fixture = await startServerFixture({
      engine,
      storePath: stores.freshPath(),
      manager: { maxOpenSessionsPerOwner: 1 },
    });
    try {
      const holder = await TestSocket.open(fixture.server.url);
      assert.equal((await holder.request({ type: 'reset', data: { spec: 'terminal' } })).type, 'observation');
      const waiting = await TestSocket.open(fixture.server.url);
      const full = await waiting.request({ type: 'reset', data: { spec: 'terminal' } });
      assertError(full, 'CAPACITY_REACHED', 'CAPACITY_REACHED');
      assert.equal(full.data.retryable, true);
      assert.equal(full.data.details.limit, 1);
      holder.send({ type: 'close' });
      await holder.closed;
      const retry = await waiting.request({ type: 'reset', data: { spec: 'terminal' } });
      assert.equal(retry.type, 'observation', JSON.stringify(retry));
      waiting.socket.close();
      await waiting.closed;
    } finally {
      await fixture.stop();
      await engine.close();
    }
  });
});

describe('WebSocket /ws: disconnects and shutdown', () => {
  it('a client that leaves mid-step aborts the model call, commits nothing more, and the server stays up', async () => {
    const engine = fastLwmEngine(model);
    const fixture = await startServerFixture({ engine, storePath: stores.freshPath() });
    try {
      const socket = await TestSocket.open(fixture.server.url);
      const reset = await socket.request({ type: 'reset', data: { spec: 'terminal' } });
      const id: string = reset.data.session_id;
      const first = await socket.request({ type: 'step', data: { action: keys('ls') } });
      model.resetStats();
      socket.send({ type: 'step', data: { action: keys(HANG) } });
      await waitFor(() => model.inFlight === 1, 'the model request');
      socket.socket.terminate();
      await waitFor(() => model.inFlight === 0, 'the model request to be cancelled');
      const state = await waitForClosed(fixture.call, id);
      assert.equal(state.step_count, 1);
      const record = SessionRecordSchema.parse(
        (await fixture.call('GET', `/sessions/${id}/trajectory`)).body,
      );
      assert.deepEqual(
        record.turns.map((turn) => turn.observation),
        [first.data.observation],
      );
      assert.equal((await fixture.call('GET', '/health')).body.status, 'ok');
      const metrics = (await fixture.call('GET', '/metrics')).body as string;
      assert.match(metrics, /agentworld_steps_total\{outcome="ABORTED"\} 1/);
      await waitForMetrics(fixture.call, /agentworld_ws_connections_open 0/);
      const next = await TestSocket.open(fixture.server.url);
      assert.equal((await next.request({ type: 'reset', data: { spec: 'terminal' } })).type, 'observation');
      next.socket.close();
      await next.closed;
    } finally {
      await fixture.stop();
      await engine.close();
    }
  });

  it('a client that floods the connection gets SESSION_BUSY past the queue limit, and the queue drains', async () => {
    const engine = fastLwmEngine(model);
    const fixture = await startServerFixture({ engine, storePath: stores.freshPath() });
    try {
      const socket = await TestSocket.open(fixture.server.url);
      await socket.request({ type: 'reset', data: { spec: 'terminal' } });
      model.resetStats();
      socket.send({ type: 'step', data: { action: keys(HANG) } });
      await waitFor(() => model.inFlight === 1, 'the model request');
      const extra = 5;
      for (let index = 0; index < MAX_QUEUED_MESSAGES - 1 + extra; index += 1) socket.send({ type: 'state' });
      for (let index = 0; index < extra; index += 1)
        assertError(await socket.next(), 'SESSION_BUSY', 'SESSION_ERROR');
      socket.socket.terminate();
      await waitFor(() => model.inFlight === 0, 'the model request to be cancelled');
      assert.equal((await fixture.call('GET', '/health')).body.status, 'ok');
    } finally {
      await fixture.stop();
      await engine.close();
    }
  });

  it('a client that stops answering pings is cut off and its session closed', async () => {
    const engine = fastLwmEngine(model);
    const store = await openStore(stores.freshPath());
    const manager = new SessionManager({
      repository: new SessionRepository(store),
      engine,
      sweepIntervalMs: 0,
    });
    const server = await startHttpServer({ manager, port: 0, webSocketHeartbeatMs: 200 });
    try {
      const socket = await TestSocket.open(server.url, { autoPong: false });
      const reset = await socket.request({ type: 'reset', data: { spec: 'terminal' } });
      assert.equal(reset.type, 'observation');
      assert.equal(await manager.repository.countOpen(), 1);
      const closed = await socket.closed;
      assert.equal(closed.code, 1006, 'cut off without a close frame');
      let open = 1;
      await waitFor(() => {
        void manager.repository.countOpen().then((count) => {
          open = count;
        });
        return open === 0;
      }, 'the session to close');
    } finally {
      await server.close();
      manager.shutdown();
      await store.close();
      await engine.close();
    }
  });

  it("the server's close() ends sockets with 1001 and closes their sessions first", async () => {
    const engine = fastLwmEngine(model);
    const fixture = await startServerFixture({ engine, storePath: stores.freshPath() });
    try {
      const socket = await TestSocket.open(fixture.server.url);
      await socket.request({ type: 'reset', data: { spec: 'terminal' } });
      await socket.request({ type: 'step', data: { action: keys('ls') } });
      assert.equal(await fixture.manager.repository.countOpen(), 1);
      await fixture.server.close();
      assert.equal((await socket.closed).code, 1001);
      assert.equal(await fixture.manager.repository.countOpen(), 0);
    } finally {
      await fixture.stop();
      await engine.close();
    }
  });
});

/** Polls GET /metrics until `pattern` matches; returns the text. */
async function waitForMetrics(
  call: (method: string, path: string) => Promise<{ body: JsonAnswer }>,
  pattern: RegExp,
): Promise<string> {
  const deadline = Date.now() + 120_000; // a hang guard, not a speed requirement
  for (;;) {
    const text = (await call('GET', '/metrics')).body as string;
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`metrics never matched ${pattern}:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Polls GET /state until the session reads closed; returns that state. */
async function waitForClosed(
  call: (method: string, path: string) => Promise<{ body: JsonAnswer }>,
  id: string,
): Promise<JsonAnswer> {
  const deadline = Date.now() + 120_000; // a hang guard, not a speed requirement
  for (;;) {
    const state = (await call('GET', `/state?session_id=${id}`)).body;
    if (state.closed === true) return state;
    if (Date.now() > deadline) throw new Error(`session ${id} did not close: ${JSON.stringify(state)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
