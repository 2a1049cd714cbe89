/**
 * Cross-site requests against the HTTP env server, in-process with Hono's `app.request()`: without keys, a
 * foreign `Host` (DNS rebinding) or a foreign `Origin` is refused with 403 FORBIDDEN, and every POST must declare
 * `application/json` (415 UNSUPPORTED_MEDIA_TYPE), with or without keys, before any body is read or any session
 * exists. With keys the Host and Origin are not checked, and no answer carries CORS headers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHttpApp } from '../../src/server/http/index.js';
import { SessionManager, SessionRepository } from '../../src/server/sessions/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';
import { fastLwmEngine, tempStores } from '../helpers/index.js';
import type { JsonAnswer } from './server-fixture.js';

const KEY = 'cross-site-key-0123456789';
const RESET_BODY = JSON.stringify({ spec: 'terminal', seed: 1 });
const stores = tempStores('http-cross-site');
let model: ScriptedModelServer;
let engine: ReturnType<typeof fastLwmEngine>;

before(async () => {
  model = await startScriptedModelServer();
  engine = fastLwmEngine(model);
});
after(async () => {
  await engine.close();
  await model.close();
  stores.remove();
});

interface InProcessServer {
  readonly manager: SessionManager;
  send(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<{ status: number; headers: Headers; body: JsonAnswer }>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** The app over a real store and the lwm engine; requests go to `http://127.0.0.1:8080` unless `host` says. */
async function inProcessServer(apiKeys: readonly string[] = []): Promise<InProcessServer> {
  const store: Store = await openStore(stores.freshPath());
  const manager = new SessionManager({
    repository: new SessionRepository(store),
    engine,
    sweepIntervalMs: 0,
  });
  const { app } = createHttpApp({ manager, apiKeys });
  return {
    manager,
    async send(method, path, headers, body) {
      const response = await app.request(`http://127.0.0.1:8080${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
      });
      const text = await response.text();
      return {
        status: response.status,
        headers: response.headers,
        body: text === '' ? null : JSON.parse(text),
      };
    },
    async [Symbol.asyncDispose]() {
      manager.shutdown();
      await store.close();
    },
  };
}

const json = { 'content-type': 'application/json' };

function assertRefused(
  answer: { status: number; body: JsonAnswer },
  status: number,
  code: string,
  header: string,
): void {
  const where = JSON.stringify(answer.body);
  assert.equal(answer.status, status, where);
  assert.equal(answer.body.error.code, code, where);
  assert.equal(answer.body.error.retryable, false, where);
  assert.equal(answer.body.error.details.header, header, where);
  assert.ok(answer.body.error.message.length > 40, where);
}

describe('HTTP env server without keys: Host and Origin', () => {
  it('refuses a DNS-rebinding Host on every route, before any session exists', async () => {
    await using server = await inProcessServer();
    const requests = model.requests.length;
    for (const host of [
      'evil.example:8080',
      'evil.example',
      'localhost.evil.example:8080',
      '127.0.0.1.evil.example',
      'evil.example@127.0.0.1:8080',
      '0.0.0.0:8080',
      '192.168.1.4:8080',
      '[::]:8080',
    ]) {
      const reset = await server.send('POST', '/reset', { ...json, host }, RESET_BODY);
      assertRefused(reset, 403, 'FORBIDDEN', 'host');
      assert.equal(reset.body.error.details.value, host);
      for (const path of ['/state?session_id=s_x', '/sessions', '/metrics', '/health', '/schema']) {
        assertRefused(await server.send('GET', path, { host }), 403, 'FORBIDDEN', 'host');
      }
    }
    // No Host header at all: the URL's host is the one asked for.
    const viaUrl = await server.send('POST', '/reset', json, RESET_BODY);
    assert.equal(viaUrl.status, 200, 'a loopback URL without a Host header is fine');
    assert.equal(await server.manager.repository.countOpen(), 1, 'only the loopback reset made a session');
    assert.equal(model.requests.length, requests, 'the model was never asked');
  });

  it('accepts loopback Host names with any port and in any case', async () => {
    await using server = await inProcessServer();
    for (const host of [
      'localhost',
      'localhost:8080',
      'LOCALHOST:1',
      'LocalHost.:8080',
      'localhost.',
      '127.0.0.1:8080',
      '127.255.3.9:65535',
      '[::1]:8080',
      '[::1]',
      '[0:0:0:0:0:0:0:1]:9',
    ]) {
      const answer = await server.send('POST', '/reset', { ...json, host }, RESET_BODY);
      assert.equal(answer.status, 200, `${host}: ${JSON.stringify(answer.body)}`);
    }
  });

  it('refuses a foreign, null or other-port Origin and accepts a loopback one on the same port', async () => {
    await using server = await inProcessServer();
    const host = '127.0.0.1:8080';
    for (const origin of [
      'http://evil.example',
      'https://evil.example:8080',
      'null',
      'http://localhost:3000',
      'http://127.0.0.1',
      'file://',
      'chrome-extension://abcdefgh',
      'http://127.0.0.1:8080, http://evil.example',
      '',
    ]) {
      const answer = await server.send('POST', '/reset', { ...json, host, origin }, RESET_BODY);
      assertRefused(answer, 403, 'FORBIDDEN', 'origin');
      assertRefused(await server.send('GET', '/sessions', { host, origin }), 403, 'FORBIDDEN', 'origin');
    }
    assert.equal(await server.manager.repository.countOpen(), 0, 'no session was created');
    for (const origin of [
      'http://127.0.0.1:8080',
      'http://localhost:8080',
      'http://[::1]:8080',
      'HTTP://LOCALHOST:8080',
    ]) {
      const answer = await server.send('POST', '/reset', { ...json, host, origin }, RESET_BODY);
      assert.equal(answer.status, 200, `${origin}: ${JSON.stringify(answer.body)}`);
    }
    const onPort80 = await server.send(
      'POST',
      '/reset',
      { ...json, host: 'localhost', origin: 'http://localhost' },
      RESET_BODY,
    );
    assert.equal(onPort80.status, 200, 'default ports are compared as numbers');
  });
});

describe('HTTP env server: JSON bodies only', () => {
  const refusedTypes: Array<string | undefined> = [
    'text/plain',
    'text/plain; charset=utf-8',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/jsonp',
    'application/json-seq',
    'text/json',
    undefined,
  ];

  for (const apiKeys of [[], [KEY]]) {
    const keyed = apiKeys.length > 0;
    it(`refuses every POST that is not application/json with 415 (${keyed ? 'with' : 'without'} keys)`, async () => {
      await using server = await inProcessServer(apiKeys);
      const auth: Record<string, string> = keyed ? { authorization: `Bearer ${KEY}` } : {};
      for (const type of refusedTypes) {
        for (const path of ['/reset', '/step', '/fork', '/close']) {
          const headers = { ...auth, ...(type === undefined ? {} : { 'content-type': type }) };
          // A string body makes fetch add text/plain itself, so "no type" is sent with no body.
          const answer = await server.send(
            'POST',
            path,
            headers,
            type === undefined ? undefined : RESET_BODY,
          );
          assertRefused(answer, 415, 'UNSUPPORTED_MEDIA_TYPE', 'content-type');
          assert.equal(answer.body.error.details.value, type ?? null);
        }
      }
      // Refused before the body is read: a malformed body gets 415, not INVALID_REQUEST.
      const unread = await server.send(
        'POST',
        '/step',
        { ...auth, 'content-type': 'text/plain' },
        '{"not json',
      );
      assert.equal(unread.body.error.code, 'UNSUPPORTED_MEDIA_TYPE');
      assert.equal(await server.manager.repository.countOpen(), 0, 'no session was created');
      for (const type of [
        'application/json',
        'application/json; charset=utf-8',
        'Application/JSON ;charset=UTF-8',
      ]) {
        const answer = await server.send('POST', '/reset', { ...auth, 'content-type': type }, RESET_BODY);
        assert.equal(answer.status, 200, `${type}: ${JSON.stringify(answer.body)}`);
      }
    });
  }

  it('checks Host and Origin first, then the content type', async () => {
    await using server = await inProcessServer();
    const foreign = await server.send(
      'POST',
      '/reset',
      { host: 'evil.example:8080', 'content-type': 'text/plain' },
      RESET_BODY,
    );
    assertRefused(foreign, 403, 'FORBIDDEN', 'host');
  });
});

describe('HTTP env server with keys: other hosts allowed, no CORS', () => {
  it('serves any Host with a valid key, still refuses a missing key first, and never answers CORS', async () => {
    await using server = await inProcessServer([KEY]);
    const auth = { authorization: `Bearer ${KEY}` };
    const elsewhere = await server.send(
      'POST',
      '/reset',
      { ...auth, ...json, host: 'agentworld.internal:8080', origin: 'https://evil.example' },
      RESET_BODY,
    );
    assert.equal(elsewhere.status, 200, JSON.stringify(elsewhere.body));
    const noKey = await server.send(
      'POST',
      '/reset',
      { 'content-type': 'text/plain', host: 'evil.example' },
      RESET_BODY,
    );
    assert.equal(noKey.status, 401);
    assert.equal(noKey.body.error.code, 'UNAUTHORIZED');

    // A browser's preflight for a cross-site JSON POST with Authorization gets no CORS permission.
    const preflight = await server.send('OPTIONS', '/reset', {
      origin: 'https://evil.example',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    });
    assert.ok(preflight.status >= 400, `preflight answered ${preflight.status}`);
    for (const answer of [elsewhere, noKey, preflight]) {
      for (const name of answer.headers.keys()) assert.doesNotMatch(name, /^access-control-/i, name);
    }
  });
});
