/**
 * Cross-site requests against a real, listening HTTP env server without keys, sent with node:http so the
 * `Host` on the wire is the forged one: a DNS-rebinding request, a web page's simple POST, and the loopback
 * clients that must keep working.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';
import { fastLwmEngine, tempStores } from '../helpers/index.js';
import { type JsonAnswer, type ServerFixture, startServerFixture } from './server-fixture.js';

const stores = tempStores('http-cross-site-socket');
let model: ScriptedModelServer;
let engine: ReturnType<typeof fastLwmEngine>;
let fixture: ServerFixture;

before(async () => {
  model = await startScriptedModelServer();
  engine = fastLwmEngine(model);
  fixture = await startServerFixture({ engine, storePath: stores.freshPath() });
});
after(async () => {
  await fixture.stop();
  await engine.close();
  await model.close();
  stores.remove();
});

/** One request to the server's loopback port with exactly these headers (Host included). */
function rawRequest(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: JsonAnswer }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: '127.0.0.1', port: fixture.server.port, method, path, headers, agent: false },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: JSON.parse(text) }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const RESET = JSON.stringify({ spec: 'terminal', seed: 3 });

describe('HTTP env server without keys, over a real socket', () => {
  it('refuses a DNS-rebinding request (Host: evil.example:8080) to every route, creating nothing', async () => {
    const host = 'evil.example:8080';
    const reset = await rawRequest('POST', '/reset', { host, 'content-type': 'application/json' }, RESET);
    assert.equal(reset.status, 403, JSON.stringify(reset.body));
    assert.equal(reset.body.error.code, 'FORBIDDEN');
    assert.equal(reset.body.error.details.header, 'host');
    for (const path of ['/sessions', '/state?session_id=s_x', '/metrics', '/health']) {
      const read = await rawRequest('GET', path, { host });
      assert.equal(read.status, 403, path);
      assert.equal(read.body.error.code, 'FORBIDDEN', path);
    }
    assert.equal(await fixture.manager.repository.countOpen(), 0);
  });

  it("refuses a web page's simple POST (text/plain or a form, from another origin)", async () => {
    const host = `127.0.0.1:${fixture.server.port}`;
    for (const [origin, type] of [
      ['http://evil.example', 'text/plain;charset=UTF-8'],
      ['null', 'application/x-www-form-urlencoded'],
      ['http://evil.example', 'application/json'],
    ] as const) {
      const answer = await rawRequest('POST', '/reset', { host, origin, 'content-type': type }, RESET);
      assert.equal(answer.status, 403, `${origin} ${type}`);
      assert.equal(answer.body.error.details.header, 'origin');
      assert.equal(answer.headers['access-control-allow-origin'], undefined);
    }
    // A browser that sent no Origin still could not get a body past the content-type check.
    const noOrigin = await rawRequest('POST', '/reset', { host, 'content-type': 'text/plain' }, RESET);
    assert.equal(noOrigin.status, 415);
    assert.equal(noOrigin.body.error.code, 'UNSUPPORTED_MEDIA_TYPE');
    const noType = await rawRequest('POST', '/reset', { host });
    assert.equal(noType.status, 415);
    assert.equal(await fixture.manager.repository.countOpen(), 0);
  });

  it('serves loopback clients: by name or address, same-origin pages, fetch', async () => {
    const port = fixture.server.port;
    const byName = await rawRequest(
      'POST',
      '/reset',
      { host: `localhost:${port}`, 'content-type': 'application/json; charset=utf-8' },
      RESET,
    );
    assert.equal(byName.status, 200, JSON.stringify(byName.body));
    const page = await rawRequest(
      'POST',
      '/step',
      { host: `127.0.0.1:${port}`, origin: `http://localhost:${port}`, 'content-type': 'application/json' },
      JSON.stringify({ session_id: byName.body.session_id, action: [{ keystrokes: 'ls\n', duration: 0.5 }] }),
    );
    assert.equal(page.status, 200, JSON.stringify(page.body));
    const viaFetch = await fixture.call('GET', `/state?session_id=${byName.body.session_id}`);
    assert.equal(viaFetch.body.step_count, 1);
    const metrics = (await fixture.call('GET', '/metrics')).body as string;
    assert.match(metrics, /agentworld_http_requests_total\{route="[^"]*",status="403"\} \d+/);
    assert.match(metrics, /agentworld_http_requests_total\{route="[^"]*",status="415"\} \d+/);
  });
});
