/**
 * A client that hangs up while uploading its body is not a server failure: `/metrics` counts it as status 499
 * (nginx's "client closed request"), never 500, and the step records nothing.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';
import { fastLwmEngine, tempStores } from '../helpers/index.js';
import { type ServerFixture, startServerFixture } from './server-fixture.js';

const keys = (command: string) => [{ keystrokes: `${command}\n`, duration: 0.5 }];
const stores = tempStores('http-client-closed');
let model: ScriptedModelServer;
let engine: ReturnType<typeof fastLwmEngine>;
let fixture: ServerFixture;
let sessionId: string;

before(async () => {
  model = await startScriptedModelServer();
  engine = fastLwmEngine(model);
  fixture = await startServerFixture({ engine, storePath: stores.freshPath() });
  sessionId = (await fixture.call('POST', '/reset', { spec: 'terminal', seed: 1 })).body.session_id;
});
after(async () => {
  await fixture.stop();
  await engine.close();
  await model.close();
  stores.remove();
});

/** Sends the request head and half of `body` on a real socket, then destroys the connection. */
async function abandonUpload(body: string, framing: 'content-length' | 'chunked'): Promise<void> {
  const socket = connect(fixture.server.port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const half = body.slice(0, Math.floor(body.length / 2));
  const length =
    framing === 'content-length'
      ? `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${half}`
      : `Transfer-Encoding: chunked\r\n\r\n${Buffer.byteLength(half).toString(16)}\r\n${half}\r\n`;
  await new Promise<void>((resolve, reject) =>
    socket.write(
      `POST /step HTTP/1.1\r\nHost: 127.0.0.1:${fixture.server.port}\r\nContent-Type: application/json\r\n${length}`,
      (error) => (error ? reject(error) : resolve()),
    ),
  );
  socket.destroy();
}

/** The value of the requests counter for `status` (summed over routes). */
async function requestsWithStatus(status: string): Promise<number> {
  const text = (await fixture.call('GET', '/metrics')).body as string;
  let total = 0;
  for (const match of text.matchAll(/^agentworld_http_requests_total\{([^}]*)\} (\d+)$/gm)) {
    if ((match[1] ?? '').includes(`status="${status}"`)) total += Number(match[2]);
  }
  return total;
}

async function stepCount(): Promise<number> {
  return (await fixture.call('GET', `/state?session_id=${sessionId}`)).body.step_count;
}

describe('HTTP env server: a client that aborts its upload', () => {
  for (const framing of ['content-length', 'chunked'] as const) {
    it(`counts as 499 in /metrics, not 500 (${framing} body)`, async () => {
      const before = await requestsWithStatus('499');
      const stepsBefore = await stepCount();
      await abandonUpload(
        JSON.stringify({ session_id: sessionId, action: keys('touch half-sent') }),
        framing,
      );
      // The server notices the closed socket on its own time: poll, boundedly, until it has counted it.
      for (let attempt = 0; attempt < 2000 && (await requestsWithStatus('499')) === before; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      assert.equal(await requestsWithStatus('499'), before + 1, 'one client-closed request counted');
      assert.equal(await requestsWithStatus('500'), 0, 'no request counted as a server failure');
      assert.equal(await stepCount(), stepsBefore, 'the half-sent step recorded nothing');
      const next = await fixture.call('POST', '/step', { session_id: sessionId, action: keys('pwd') });
      assert.equal(next.status, 200, JSON.stringify(next.body));
    });
  }
});
