/**
 * A bounded burst of a few thousand malformed and adversarial requests against a real HTTP env server with API
 * keys, on loopback: each kind gets its own error code, the server stays healthy, and every stored session is
 * byte-identical afterwards (SQLite rows compared before and after). Includes clients that disconnect
 * mid-step and mid-upload: their steps must record nothing.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { SqliteStore } from '../../src/store/index.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';
import { fastLwmEngine, tempStores, waitFor } from '../helpers/index.js';
import { type JsonAnswer, type ServerFixture, startServerFixture } from './server-fixture.js';

const KEY_A = 'key-a-0123456789abcdef';
const KEY_B = 'key-b-0123456789abcdef';
const MAX_BODY = 64 * 1024;
const TOTAL = 3000;
const CONCURRENCY = 16;
/** Keystrokes that make the scripted model take its time, so a client can hang up while the step is running. */
const SLOW_MARKER = 'sleep-before-answering';

const keys = (command: string) => [{ keystrokes: `${command}\n`, duration: 0.5 }];
const stores = tempStores('http-adversarial');
let model: ScriptedModelServer;
let fixture: ServerFixture;
let engine: ReturnType<typeof fastLwmEngine>;
const sessionsOfA: string[] = [];
let sessionOfB = '';

before(async () => {
  model = await startScriptedModelServer({
    script: (request) => {
      const last = request.messages[request.messages.length - 1]?.content ?? '';
      return last.includes(SLOW_MARKER)
        ? { type: 'observation', observation: 'late', latencyMs: 1500 }
        : { type: 'observation', observation: `screen ${request.index}` };
    },
  });
  engine = fastLwmEngine(model);
  fixture = await startServerFixture({
    engine,
    storePath: stores.freshPath(),
    apiKeys: [KEY_A, KEY_B],
    maxBodyBytes: MAX_BODY,
  });
  for (let index = 0; index < 3; index += 1) {
    const id = (await fixture.call('POST', '/reset', { spec: 'terminal', seed: index }, KEY_A)).body
      .session_id;
    for (const command of ['ls', 'pwd']) {
      const answer = await fixture.call('POST', '/step', { session_id: id, action: keys(command) }, KEY_A);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
    }
    sessionsOfA.push(id);
  }
  sessionOfB = (await fixture.call('POST', '/reset', { spec: 'terminal', seed: 9 }, KEY_B)).body.session_id;
});
after(async () => {
  await fixture.stop();
  await engine.close();
  await model.close();
  stores.remove();
});

/** Every stored row of both session tables, as text: equal snapshots mean byte-identical sessions. */
function storedRows(): string {
  const db = (fixture.store as SqliteStore).database;
  const sessions = db.prepare('SELECT * FROM sessions ORDER BY id').all();
  const turns = db.prepare('SELECT * FROM session_turns ORDER BY session_id, turn_index').all();
  return JSON.stringify({ sessions, turns });
}

interface Attack {
  readonly kind: string;
  readonly method: string;
  readonly path: string;
  readonly body?: string | Uint8Array;
  readonly key?: string | undefined;
  /** The error codes this kind may get (several where the same bytes can fail at more than one layer). */
  readonly codes: readonly string[];
}

function attacks(): Attack[] {
  const a = sessionsOfA[0] as string;
  const a2 = sessionsOfA[1] as string;
  const step = (body: unknown): string => JSON.stringify(body);
  const invalidUtf8 = (prefix: string, suffix: string): Uint8Array =>
    Buffer.concat([
      Buffer.from(prefix),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
      Buffer.from(suffix),
    ]);
  return [
    // Malformed JSON.
    {
      kind: 'malformed',
      method: 'POST',
      path: '/step',
      body: '{"session_id": ',
      key: KEY_A,
      codes: ['INVALID_REQUEST'],
    },
    {
      kind: 'malformed',
      method: 'POST',
      path: '/reset',
      body: "{'spec': 'terminal'}",
      key: KEY_A,
      codes: ['INVALID_REQUEST'],
    },
    {
      kind: 'malformed',
      method: 'POST',
      path: '/fork',
      body: '{"session_id": "x",}',
      key: KEY_A,
      codes: ['INVALID_REQUEST'],
    },
    {
      kind: 'malformed',
      method: 'POST',
      path: '/close',
      body: '[1, 2]',
      key: KEY_A,
      codes: ['INVALID_REQUEST'],
    },
    // Wrong types.
    {
      kind: 'types',
      method: 'POST',
      path: '/step',
      body: step({ session_id: 5, action: keys('ls') }),
      key: KEY_A,
      codes: ['INVALID_REQUEST'],
    },
    {
      kind: 'types',
      method: 'POST',
      path: '/step',
      body: step({ session_id: a, action: keys('ls'), timeout_s: 'soon' }),
      key: KEY_A,
      codes: ['INVALID_REQUEST'],
    },
    {
      kind: 'types',
      method: 'POST',
      path: '/reset',
      body: step({ spec: 'terminal', seed: -4 }),
      key: KEY_A,
      codes: ['INVALID_REQUEST'],
    },
    {
      kind: 'types',
      method: 'POST',
      path: '/reset',
      body: step({ spec: 42 }),
      key: KEY_A,
      codes: ['INVALID_REQUEST'],
    },
    {
      kind: 'types',
      method: 'POST',
      path: '/fork',
      body: step({ session_id: a, labels: { k: 7 } }),
      key: KEY_A,
      codes: ['INVALID_REQUEST'],
    },
    {
      kind: 'types',
      method: 'POST',
      path: '/step',
      body: step({ session_id: a }),
      key: KEY_A,
      codes: ['INVALID_REQUEST'],
    },
    // Oversized bodies.
    {
      kind: 'huge',
      method: 'POST',
      path: '/step',
      body: step({ session_id: a, action: keys('y'.repeat(MAX_BODY * 2)) }),
      key: KEY_A,
      codes: ['PAYLOAD_TOO_LARGE'],
    },
    {
      kind: 'huge',
      method: 'POST',
      path: '/reset',
      body: `{"spec": "${'z'.repeat(MAX_BODY + 10)}"}`,
      key: KEY_A,
      codes: ['PAYLOAD_TOO_LARGE'],
    },
    // Unknown sessions.
    {
      kind: 'unknown',
      method: 'POST',
      path: '/step',
      body: step({ session_id: 's_AAAAAAAAAAAAAAAAAAAAAAAA', action: keys('ls') }),
      key: KEY_A,
      codes: ['SESSION_NOT_FOUND'],
    },
    {
      kind: 'unknown',
      method: 'POST',
      path: '/close',
      body: step({ session_id: 's_nope' }),
      key: KEY_A,
      codes: ['SESSION_NOT_FOUND'],
    },
    {
      kind: 'unknown',
      method: 'GET',
      path: '/sessions/s_nope/trajectory',
      key: KEY_A,
      codes: ['SESSION_NOT_FOUND'],
    },
    {
      kind: 'unknown',
      method: 'GET',
      path: `/state?session_id=${'%2e%2e%2f'.repeat(20)}`,
      key: KEY_A,
      codes: ['SESSION_NOT_FOUND'],
    },
    // Another key's sessions read exactly like unknown ones.
    {
      kind: 'other-key',
      method: 'POST',
      path: '/step',
      body: step({ session_id: a, action: keys('rm -rf /') }),
      key: KEY_B,
      codes: ['SESSION_NOT_FOUND'],
    },
    {
      kind: 'other-key',
      method: 'POST',
      path: '/close',
      body: step({ session_id: a2 }),
      key: KEY_B,
      codes: ['SESSION_NOT_FOUND'],
    },
    {
      kind: 'other-key',
      method: 'POST',
      path: '/fork',
      body: step({ session_id: a }),
      key: KEY_B,
      codes: ['SESSION_NOT_FOUND'],
    },
    {
      kind: 'other-key',
      method: 'GET',
      path: `/sessions/${a}/trajectory`,
      key: KEY_B,
      codes: ['SESSION_NOT_FOUND'],
    },
    {
      kind: 'other-key',
      method: 'GET',
      path: `/state?session_id=${sessionOfB}`,
      key: KEY_A,
      codes: ['SESSION_NOT_FOUND'],
    },
    // Missing or wrong keys.
    {
      kind: 'auth',
      method: 'POST',
      path: '/step',
      body: step({ session_id: a, action: keys('ls') }),
      codes: ['UNAUTHORIZED'],
    },
    {
      kind: 'auth',
      method: 'POST',
      path: '/close',
      body: step({ session_id: a }),
      key: `${KEY_A}x`,
      codes: ['UNAUTHORIZED'],
    },
    // Actions of another dialect (or no dialect at all) on real sessions.
    {
      kind: 'dialect',
      method: 'POST',
      path: '/step',
      body: step({ session_id: a, action: { name: 'read_file', arguments: { path: '/etc/shadow' } } }),
      key: KEY_A,
      codes: ['INVALID_ACTION'],
    },
    {
      kind: 'dialect',
      method: 'POST',
      path: '/step',
      body: step({ session_id: a2, action: { action_type: 'click', coordinate: [1, 2] } }),
      key: KEY_A,
      codes: ['INVALID_ACTION'],
    },
    {
      kind: 'dialect',
      method: 'POST',
      path: '/step',
      body: step({ session_id: a, action: [{ duration: 1 }] }),
      key: KEY_A,
      codes: ['INVALID_ACTION'],
    },
    {
      kind: 'dialect',
      method: 'POST',
      path: '/step',
      body: step({ session_id: a2, action: 'pyautogui.click(10, 10)' }),
      key: KEY_A,
      codes: ['INVALID_ACTION'],
    },
    // Path traversal in spec names.
    ...[
      '../../../etc/passwd',
      '/etc/passwd',
      'terminal/../../package',
      '..\\..\\windows\\win.ini',
      'terminal\u0000.json',
      '%2e%2e%2fpackage',
    ].map(
      (name): Attack => ({
        kind: 'traversal',
        method: 'POST',
        path: '/reset',
        body: step({ spec: name }),
        key: KEY_A,
        codes: ['INVALID_SPEC'],
      }),
    ),
    {
      kind: 'traversal',
      method: 'GET',
      path: '/schema?spec=..%2F..%2Fpackage',
      key: KEY_A,
      codes: ['INVALID_SPEC'],
    },
    // Invalid UTF-8.
    {
      kind: 'utf8',
      method: 'POST',
      path: '/step',
      body: invalidUtf8('', ''),
      key: KEY_A,
      codes: ['INVALID_REQUEST'],
    },
    {
      kind: 'utf8',
      method: 'POST',
      path: '/step',
      body: invalidUtf8('{"session_id": "s_', `", "action": ${JSON.stringify(keys('ls'))}}`),
      key: KEY_A,
      codes: ['SESSION_NOT_FOUND'],
    },
    {
      kind: 'utf8',
      method: 'POST',
      path: '/reset',
      body: invalidUtf8('{"spec": "', '"}'),
      key: KEY_A,
      codes: ['INVALID_SPEC'],
    },
    // Deeply nested JSON.
    {
      kind: 'deep',
      method: 'POST',
      path: '/step',
      body: '['.repeat(60_000),
      key: KEY_A,
      codes: ['INVALID_REQUEST'],
    },
    {
      kind: 'deep',
      method: 'POST',
      path: '/step',
      body: `{"session_id": "${a}", "action": ${'['.repeat(20_000)}${']'.repeat(20_000)}}`,
      key: KEY_A,
      codes: ['INVALID_ACTION'],
    },
    {
      kind: 'deep',
      method: 'POST',
      path: '/reset',
      body: `{"spec": ${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`,
      key: KEY_A,
      codes: ['INVALID_SPEC'],
    },
  ];
}

async function send(url: string, attack: Attack): Promise<{ status: number; body: JsonAnswer }> {
  const headers: Record<string, string> = {};
  if (attack.body !== undefined) headers['content-type'] = 'application/json';
  if (attack.key !== undefined) headers.authorization = `Bearer ${attack.key}`;
  const response = await fetch(`${url}${attack.path}`, {
    method: attack.method,
    headers,
    ...(attack.body === undefined ? {} : { body: attack.body }),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as JsonAnswer };
}

/** A step that is running in the model when its client hangs up. */
async function disconnectMidStep(sessionId: string): Promise<void> {
  const inFlight = model.inFlight;
  const controller = new AbortController();
  const pending = fetch(`${fixture.server.url}/step`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY_A}` },
    body: JSON.stringify({ session_id: sessionId, action: keys(`echo ${SLOW_MARKER}`) }),
    signal: controller.signal,
  }).catch((error: unknown) => error);
  await waitFor(() => model.inFlight > inFlight, 'the slow model request');
  controller.abort();
  await pending;
}

/** A client that sends the headers and half the body, then closes the socket. */
async function disconnectMidUpload(sessionId: string): Promise<void> {
  const body = JSON.stringify({ session_id: sessionId, action: keys('touch half-sent') });
  const socket = connect(fixture.server.port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.write(
    `POST /step HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${KEY_A}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, body.length / 2)}`,
  );
  await new Promise((resolve) => setTimeout(resolve, 5));
  socket.destroy();
}

describe('HTTP env server: adversarial burst', () => {
  it(`answers ${TOTAL} malformed and adversarial requests with their codes, stays healthy, loses nothing`, async () => {
    const rowsBefore = storedRows();
    const list = attacks();
    const kinds = new Set(list.map((attack) => attack.kind));
    const seen = new Map<string, number>();
    let next = 0;
    const burst = Array.from({ length: CONCURRENCY }, async () => {
      for (let index = next++; index < TOTAL; index = next++) {
        const attack = list[index % list.length] as Attack;
        const answer = await send(fixture.server.url, attack);
        const where = `${attack.kind}: ${attack.method} ${attack.path} → ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`;
        assert.ok(answer.status >= 400 && answer.status < 500, where);
        assert.ok(attack.codes.includes(answer.body?.error?.code), where);
        assert.equal(typeof answer.body.error.message, 'string', where);
        seen.set(attack.kind, (seen.get(attack.kind) ?? 0) + 1);
      }
    });
    // Meanwhile, clients that hang up mid-step and mid-upload, on a session the burst leaves alone (the burst's
    // steps on it would rightly be SESSION_BUSY while a hung-up step unwinds).
    const hangUpSession = sessionsOfA[2] as string;
    const hangUps = (async () => {
      for (let round = 0; round < 10; round += 1) {
        await disconnectMidStep(hangUpSession);
        await waitFor(() => model.inFlight === 0, 'the hung-up step to be cancelled');
        await disconnectMidUpload(hangUpSession);
        seen.set('disconnect', (seen.get('disconnect') ?? 0) + 1);
      }
    })();
    await Promise.all([...burst, hangUps]);
    for (const kind of kinds) assert.ok((seen.get(kind) ?? 0) > 0, `kind ${kind} was sent`);
    assert.ok((seen.get('disconnect') ?? 0) >= 10, 'disconnecting clients ran');

    // Hung-up steps were cancelled in the model, not left to finish and record a turn later.
    await waitFor(() => model.inFlight === 0, 'cancelled model requests to end');
    const health = await fixture.call('GET', '/health');
    assert.equal(health.status, 200);
    assert.equal(health.body.status, 'ok');
    assert.equal(storedRows(), rowsBefore, 'stored sessions changed');
    for (const id of sessionsOfA) {
      const state = await fixture.call('GET', `/state?session_id=${id}`, undefined, KEY_A);
      assert.equal(state.body.step_count, 2);
    }
    const next2 = await fixture.call(
      'POST',
      '/step',
      { session_id: sessionOfB, action: keys('whoami') },
      KEY_B,
    );
    assert.equal(next2.status, 200, JSON.stringify(next2.body));
    assert.equal(next2.body.info.turn.index, 1);
  });
});
