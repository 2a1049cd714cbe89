import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { AgentWorldError, isAgentWorldError } from '../../core/errors.js';
import { LwmEngineOptionsSchema, parseLwmEngineOptions } from './options.js';
import {
  backoffDelay,
  classifyModelCallFailure,
  modelCallError,
  parseRetryAfter,
  retryDelay,
} from './retry.js';
import { deriveSamplingSeed } from './seed.js';

const calm = { callerAborted: false, timedOut: false };
const policy = { retryBaseMs: 100, retryMaxMs: 1000, retryAfterMaxMs: 5000 };
const context = { attempts: 3, endpoint: 'http://127.0.0.1:1/v1', model: 'm' };

function statusError(
  status: number,
  message = 'server says no',
  headers: Record<string, string> = {},
): APIError {
  return APIError.generate(status, { error: { message } }, undefined, new Headers(headers));
}

describe('parseRetryAfter', () => {
  it('reads seconds, milliseconds and HTTP dates', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': '2' }), now), 2000);
    assert.equal(parseRetryAfter(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now), 250);
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'Tue, 01 Jan 2030 00:00:03 GMT' }), now), 3000);
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'Mon, 31 Dec 2029 00:00:00 GMT' }), now), 0);
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now), undefined);
    assert.equal(parseRetryAfter(new Headers(), now), undefined);
  });
});

describe('backoff', () => {
  it('grows exponentially, stays within half and all of the ceiling, and is capped', () => {
    assert.equal(
      backoffDelay(1, policy, () => 0),
      50,
    );
    assert.equal(
      backoffDelay(1, policy, () => 1),
      100,
    );
    assert.equal(
      backoffDelay(3, policy, () => 1),
      400,
    );
    assert.equal(
      backoffDelay(10, policy, () => 1),
      1000,
    );
    assert.equal(
      backoffDelay(10, policy, () => 0),
      500,
    );
  });

  it('uses the server Retry-After when there is one, capped', () => {
    const limited = classifyModelCallFailure(statusError(429, 'slow', { 'retry-after': '2' }), calm);
    assert.equal(limited.kind, 'rate_limited');
    assert.equal(retryDelay(limited, 1, policy), 2000);
    const patient = classifyModelCallFailure(statusError(429, 'slow', { 'retry-after': '3600' }), calm);
    assert.equal(retryDelay(patient, 1, policy), 5000);
  });
});

describe('classifyModelCallFailure and modelCallError', () => {
  it('retries transient statuses and maps them to the right final codes', () => {
    const cases: Array<[number, string, string, boolean]> = [
      [429, 'rate_limited', 'ENGINE_RATE_LIMITED', true],
      [408, 'timeout', 'ENGINE_TIMEOUT', true],
      [409, 'server_error', 'ENGINE_ERROR', true],
      [500, 'server_error', 'ENGINE_ERROR', true],
      [502, 'server_error', 'ENGINE_UNAVAILABLE', true],
      [503, 'server_error', 'ENGINE_UNAVAILABLE', true],
      [504, 'timeout', 'ENGINE_TIMEOUT', true],
    ];
    for (const [status, kind, code, retryable] of cases) {
      const failure = classifyModelCallFailure(statusError(status), calm);
      assert.equal(failure.kind, kind, `status ${status}`);
      assert.equal(failure.retryable, true);
      const error = modelCallError(failure, context);
      assert.equal(error.code, code, `status ${status}`);
      assert.equal(error.retryable, retryable, `status ${status}`);
      assert.equal(error.details.status, status);
      assert.equal(error.details.attempts, 3);
    }
  });

  it('does not retry refusals and keeps the server message', () => {
    for (const status of [400, 401, 403, 404, 422, 413]) {
      const failure = classifyModelCallFailure(statusError(status, 'context length exceeded'), calm);
      assert.equal(failure.kind, 'refused');
      assert.equal(failure.retryable, false);
      const error = modelCallError(failure, { ...context, attempts: 1 });
      assert.equal(error.code, 'ENGINE_ERROR');
      assert.equal(error.retryable, false);
      assert.match(error.message, /context length exceeded/);
      assert.match(error.message, new RegExp(`HTTP ${status}`));
    }
  });

  it('tells connection failures, timeouts, aborts and bad output apart', () => {
    const connection = classifyModelCallFailure(new APIConnectionError({ message: 'refused' }), calm);
    assert.equal(modelCallError(connection, context).code, 'ENGINE_UNAVAILABLE');
    assert.equal(classifyModelCallFailure(new TypeError('terminated'), calm).kind, 'connection');
    assert.equal(classifyModelCallFailure(new APIConnectionTimeoutError(), calm).kind, 'timeout');
    const ownTimer = classifyModelCallFailure(new APIUserAbortError(), {
      callerAborted: false,
      timedOut: true,
    });
    assert.equal(modelCallError(ownTimer, context).code, 'ENGINE_TIMEOUT');
    const aborted = classifyModelCallFailure(new APIUserAbortError(), {
      callerAborted: true,
      timedOut: false,
    });
    assert.equal(aborted.retryable, false);
    assert.equal(modelCallError(aborted, context).code, 'ABORTED');
    const bad = classifyModelCallFailure(
      new AgentWorldError('MODEL_OUTPUT_INVALID', 'no tag', { details: { reason: 'missing_tag' } }),
      calm,
    );
    const final = modelCallError(bad, context);
    assert.equal(final.code, 'MODEL_OUTPUT_INVALID');
    assert.equal(final.details.reason, 'missing_tag', 'the extractor reason is kept');
    assert.equal(final.retryable, true);
  });
});

describe('options and seeds', () => {
  it('fills documented defaults', () => {
    const options = parseLwmEngineOptions({ baseUrl: 'http://127.0.0.1:8000/v1', model: 'm' });
    assert.equal(options.apiKey, 'EMPTY');
    assert.equal(options.temperature, 0.6);
    assert.equal(options.maxTokens, 32768);
    assert.equal(options.timeoutMs, 600_000);
    assert.equal(options.maxRetries, 4);
    assert.equal(options.concurrency, 16);
    assert.equal(options.stream, false);
    assert.equal(options.sendSeed, true);
    assert.deepEqual(options.extraBody, {});
    assert.equal(options.topP, undefined);
  });

  it('rejects bad options with CONFIG_INVALID naming the field', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ baseUrl: 'not a url', model: 'm' }, '$.baseUrl'],
      [{ baseUrl: 'http://x/v1', model: '' }, '$.model'],
      [{ baseUrl: 'http://x/v1', model: 'm', concurrency: 0 }, '$.concurrency'],
      [{ baseUrl: 'http://x/v1', model: 'm', extraBody: { messages: [] } }, '$.extraBody.messages'],
      [{ baseUrl: 'http://x/v1', model: 'm', temprature: 1 }, '$'],
    ];
    for (const [input, path] of cases) {
      assert.throws(
        () => parseLwmEngineOptions(input),
        (error: unknown) => isAgentWorldError(error, 'CONFIG_INVALID') && error.details.path === path,
        JSON.stringify(input),
      );
    }
    assert.equal(
      LwmEngineOptionsSchema.safeParse({ baseUrl: 'http://x/v1', model: 'm', apiKey: '' }).success,
      true,
    );
  });

  it('derives sampling seeds deterministically, in range, and distinct per turn and resample', () => {
    assert.equal(deriveSamplingSeed(7, 3), deriveSamplingSeed(7, 3));
    const seeds = new Set<number>();
    for (let seed = 0; seed < 20; seed++) {
      for (let turn = 1; turn <= 20; turn++) {
        const value = deriveSamplingSeed(seed, turn);
        assert.ok(Number.isInteger(value) && value >= 0 && value <= 2 ** 31 - 1);
        seeds.add(value);
      }
    }
    assert.equal(seeds.size, 400);
    assert.notEqual(deriveSamplingSeed(7, 3, 1), deriveSamplingSeed(7, 3));
    assert.notEqual(deriveSamplingSeed(7, 3, 1), deriveSamplingSeed(7, 3, 2));
  });
});
