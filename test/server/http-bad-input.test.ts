/**
 * Bad input against a real HTTP env server: each kind gets its own error code, nothing recorded is lost, and
 * the server keeps serving. The burst is bounded and stays on loopback.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';
import { fastLwmEngine, tempStores, waitFor } from '../helpers/index.js';
import { type ServerFixture, startServerFixture } from './server-fixture.js';

const keys = (command: string) => [{ keystrokes: `${command}\n`, duration: 0.5 }];
const stores = tempStores('http-bad-input');
let model: ScriptedModelServer;
let fixture: ServerFixture;
let engine: ReturnType<typeof fastLwmEngine>;
let sessionId: string;

before(async () => {
  model = await startScriptedModelServer();
  engine = fastLwmEngine(model);
  fixture = await startServerFixture({ engine, storePath: stores.freshPath(), maxBodyBytes: 64 * 1024 });
  sessionId = (await fixture.call('POST', '/reset', { spec: 'terminal', seed: 1 })).body.session_id;
  assert.equal(
    (await fixture.call('POST', '/step', { session_id: sessionId, action: keys('ls') })).status,
    200,
  );
});
after(async () => {
  await fixture.stop();
  await engine.close();
  await model.close();
  stores.remove();
});

async function stepCount(): Promise<number> {
  return (await fixture.call('GET', `/state?session_id=${sessionId}`)).body.step_count;
}

describe('HTTP env server: bad input', () => {
  it('malformed JSON and a body that is not an object are INVALID_REQUEST 400', async () => {
    for (const body of ['{"session_id": ', 'not json', '[1,2]', '"text"']) {
      const answer = await fixture.call('POST', '/step', body);
      assert.equal(answer.status, 400, body);
      assert.equal(answer.body.error.code, 'INVALID_REQUEST');
    }
    const missing = await fixture.call('POST', '/step', { session_id: sessionId });
    assert.equal(missing.body.error.code, 'INVALID_REQUEST');
    assert.equal(missing.body.error.details.path, '$.action');
  });

  it('an oversized body is 413 PAYLOAD_TOO_LARGE with the limit', async () => {
    const huge = { session_id: sessionId, action: keys('x'.repeat(100 * 1024)) };
    const answer = await fixture.call('POST', '/step', huge);
    assert.equal(answer.status, 413);
    assert.equal(answer.body.error.code, 'PAYLOAD_TOO_LARGE');
    assert.equal(answer.body.error.details.limitBytes, 64 * 1024);
    assert.equal(await stepCount(), 1);
  });

  it('an action of another dialect is INVALID_ACTION naming the bad field', async () => {
    const answer = await fixture.call('POST', '/step', {
      session_id: sessionId,
      action: { name: 'read_file', arguments: { path: '/etc/hosts' } },
    });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.code, 'INVALID_ACTION');
    assert.equal(typeof answer.body.error.details.path, 'string');
    const field = await fixture.call('POST', '/step', {
      session_id: sessionId,
      action: [{ duration: 1 }],
    });
    assert.equal(field.body.error.code, 'INVALID_ACTION');
    assert.equal(field.body.error.details.path, '$[0].keystrokes');
    assert.equal(await stepCount(), 1);
  });

  it('unknown sessions, unknown routes and a missing spec get their own codes', async () => {
    const unknown = await fixture.call('POST', '/step', { session_id: 's_nope', action: keys('ls') });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'SESSION_NOT_FOUND');
    const nowhere = await fixture.call('GET', '/nowhere');
    assert.equal(nowhere.status, 404);
    assert.equal(nowhere.body.error.code, 'NOT_FOUND');
    const noSpec = await fixture.call('POST', '/reset', {});
    assert.equal(noSpec.body.error.code, 'INVALID_REQUEST');
    const badSpec = await fixture.call('POST', '/reset', {
      spec: { domain: 'terminal', dialect: 'klingon' },
    });
    assert.equal(badSpec.body.error.code, 'INVALID_SPEC');
  });

  it('a step past its timeout_s is ENGINE_TIMEOUT and records nothing', async () => {
    model.setScript(() => ({ type: 'hang' }));
    try {
      const answer = await fixture.call('POST', '/step', {
        session_id: sessionId,
        action: keys('sleep 100'),
        timeout_s: 0.2,
      });
      assert.equal(answer.status, 504);
      assert.equal(answer.body.error.code, 'ENGINE_TIMEOUT');
      assert.equal(answer.body.error.retryable, true);
    } finally {
      model.setScript((request) => ({ type: 'observation', observation: `ok ${request.index}` }));
    }
    assert.equal(await stepCount(), 1);
    const next = await fixture.call('POST', '/step', { session_id: sessionId, action: keys('pwd') });
    assert.equal(next.body.info.turn.index, 2);
  });

  it('a client that disconnects mid-step aborts the model call and records nothing', async () => {
    const before = await stepCount();
    model.setScript(() => ({ type: 'hang' }));
    model.resetStats();
    const controller = new AbortController();
    const pending = fetch(`${fixture.server.url}/step`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ session_id: sessionId, action: keys('yes') }),
      signal: controller.signal,
    }).catch((error: unknown) => error);
    await waitFor(() => model.inFlight === 1, 'the model request');
    controller.abort();
    await pending;
    await waitFor(() => model.inFlight === 0, 'the model request to be cancelled');
    model.setScript((request) => ({ type: 'observation', observation: `ok ${request.index}` }));
    assert.equal(await stepCount(), before);
    const next = await fixture.call('POST', '/step', { session_id: sessionId, action: keys('pwd') });
    assert.equal(next.status, 200, JSON.stringify(next.body));
  });

  it('survives a burst of malformed requests with health ok and the stored session intact', async () => {
    const recordBefore = (await fixture.call('GET', `/sessions/${sessionId}/trajectory`)).body;
    const bad: Array<[string, string, string | undefined]> = [
      ['POST', '/step', '{'],
      ['POST', '/step', '{"session_id": 5}'],
      ['POST', '/reset', '{"spec": "../../../etc/passwd"}'],
      ['POST', '/close', '{"session_id": "s_x"}'],
      ['GET', '/state?session_id=%00%ff', undefined],
      ['POST', '/fork', 'null'],
      ['POST', '/step', JSON.stringify({ session_id: sessionId, action: { nested: { deep: [1, 2, 3] } } })],
      ['DELETE', '/reset', undefined],
    ];
    const statuses = new Map<number, number>();
    for (let round = 0; round < 40; round += 1) {
      const answers = await Promise.all(
        bad.map(async ([method, path, body]) => {
          const response = await fetch(`${fixture.server.url}${path}`, {
            method,
            ...(body === undefined ? {} : { body, headers: { 'content-type': 'application/json' } }),
          });
          const json = (await response.json()) as { error?: { code?: string } };
          assert.equal(typeof json.error?.code, 'string', `${method} ${path}`);
          return response.status;
        }),
      );
      for (const status of answers) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    assert.ok(
      [...statuses.keys()].every((status) => status >= 400 && status < 500),
      JSON.stringify([...statuses]),
    );
    assert.equal((await fixture.call('GET', '/health')).body.status, 'ok');
    assert.deepEqual((await fixture.call('GET', `/sessions/${sessionId}/trajectory`)).body, recordBefore);
    const next = await fixture.call('POST', '/step', { session_id: sessionId, action: keys('whoami') });
    assert.equal(next.status, 200);
  });
});
