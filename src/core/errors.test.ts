import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { sleep, throwIfAborted } from './abort.js';
import { AgentWorldError, ERROR_CODES, isAgentWorldError, toAgentWorldError } from './errors.js';
import { canonicalJson, contentHash } from './hash.js';
import { parseWith } from './validation.js';

describe('errors', () => {
  it('carries code, retryable flag, status and details, and serialises to the JSON servers send', () => {
    const error = new AgentWorldError('ENGINE_TIMEOUT', 'slow', { details: { ms: 5 } });
    assert.equal(error.retryable, true);
    assert.equal(error.httpStatus, 504);
    assert.deepEqual(error.toJSON(), {
      error: { code: 'ENGINE_TIMEOUT', message: 'slow', retryable: true, details: { ms: 5 } },
    });
    assert.equal(new AgentWorldError('ENGINE_ERROR', 'x', { retryable: true }).retryable, true);
    assert.ok(isAgentWorldError(error, 'ENGINE_TIMEOUT'));
    assert.ok(!isAgentWorldError(error, 'ABORTED'));
  });

  it('wraps foreign errors, keeping ours and mapping AbortError to ABORTED', () => {
    const ours = new AgentWorldError('INVALID_ACTION', 'bad');
    assert.equal(toAgentWorldError(ours), ours);
    assert.equal(toAgentWorldError(new Error('boom')).code, 'INTERNAL');
    const abort = new Error('stop');
    abort.name = 'AbortError';
    assert.equal(toAgentWorldError(abort).code, 'ABORTED');
  });

  it('gives every code a description and a 4xx/5xx status', () => {
    for (const [code, entry] of Object.entries(ERROR_CODES)) {
      assert.ok(entry.description.length > 0, code);
      assert.ok(entry.httpStatus >= 400 && entry.httpStatus < 600, code);
    }
  });
});

describe('validation', () => {
  it('names the path of the first bad field', () => {
    const schema = z.object({ list: z.array(z.object({ n: z.number() })) });
    assert.throws(
      () => parseWith(schema, { list: [{ n: 1 }, { n: 'two' }] }, 'INVALID_ACTION', 'thing'),
      (error: unknown) =>
        isAgentWorldError(error, 'INVALID_ACTION') &&
        error.details.path === '$.list[1].n' &&
        error.message.startsWith('Invalid thing at $.list[1].n:'),
    );
  });
});

describe('hashing', () => {
  it('is independent of key order and skips undefined', () => {
    assert.equal(
      canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: undefined } }),
      '{"a":{"d":[1,{"e":3,"f":2}]},"b":1}',
    );
    assert.equal(contentHash({ a: 1, b: 2 }), contentHash({ b: 2, a: 1 }));
    assert.notEqual(contentHash({ a: 1 }), contentHash({ a: 2 }));
  });
});

describe('abort helpers', () => {
  it('sleep rejects with ABORTED as soon as the signal fires', async () => {
    const controller = new AbortController();
    // A sleep that had run its course would resolve: rejecting with ABORTED is the abort ending it.
    const sleeping = sleep(3_600_000, controller.signal);
    controller.abort();
    await assert.rejects(sleeping, (error: unknown) => isAgentWorldError(error, 'ABORTED'));
    assert.throws(
      () => throwIfAborted(AbortSignal.abort()),
      (error: unknown) => isAgentWorldError(error, 'ABORTED'),
    );
  });
});
