import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PredictRequest } from '../../core/engine.js';
import { type ErrorCode, isAgentWorldError } from '../../core/errors.js';
import { contentHash } from '../../core/hash.js';
import { buildMessages, type ChatMessage, fence, renderTurnPrompt } from '../../core/messages.js';
import { WorldSpecSchema } from '../../core/world-spec.js';
import {
  type ScriptedModelServer,
  type ScriptedReply,
  startScriptedModelServer,
} from '../../testing/index.js';
import { createLwmEngine, type LwmEngine } from './lwm-engine.js';
import type { LwmEngineOptionsInput } from './options.js';
import { deriveSamplingSeed } from './seed.js';

const spec = WorldSpecSchema.parse({ domain: 'terminal' });

function makeRequest(turnIndex = 1, seed = 11, action = 'ls -la'): PredictRequest {
  const history = Array.from({ length: turnIndex - 1 }, (_, index) => ({
    prompt: renderTurnPrompt(index + 1, [], fence(`echo ${index + 1}`)),
    observation: `${index + 1}`,
  }));
  const messages = buildMessages({
    systemPrompt: 'You simulate a Linux terminal. Ünïcödé ✓ and trailing spaces   ',
    history,
    currentPrompt: renderTurnPrompt(turnIndex, [], fence(action)),
    turnInstruction: 'Answer inside <predicted_observation> tags.',
  });
  return {
    spec,
    sessionId: 'session-1',
    seed,
    turnIndex,
    action,
    messages,
    promptHash: contentHash(messages),
    history: [],
  };
}

async function expectCode(
  promise: Promise<unknown>,
  code: ErrorCode,
): Promise<{ details: Record<string, unknown>; retryable: boolean; message: string }> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isAgentWorldError(error), `expected ${code}, got ${String(error)}`);
    assert.equal(error.code, code, `expected ${code}, got ${error.code}: ${error.message}`);
    return error;
  }
  assert.fail(`expected ${code}, but the call succeeded`);
}

/** Fast retries for tests. */
const quick = { retryBaseMs: 1, retryMaxMs: 5 } as const;

describe('lwm engine against the scripted server', () => {
  let server: ScriptedModelServer;
  const engines: LwmEngine[] = [];
  const engine = (overrides: Partial<LwmEngineOptionsInput> = {}): LwmEngine => {
    const created = createLwmEngine({ baseUrl: server.url, model: server.model, ...quick, ...overrides });
    engines.push(created);
    return created;
  };
  const script = (...replies: ScriptedReply[]): void => server.setScript(replies);

  before(async () => {
    server = await startScriptedModelServer();
  });
  after(async () => {
    for (const created of engines) await created.close();
    await server.close();
  });

  it('think mode: observation, reasoning, usage, provenance, and the exact request', async () => {
    server.resetStats();
    script({
      type: 'observation',
      observation: 'total 0\ndrwxr-xr-x 2 root root 40 .',
      reasoning: 'An empty directory.',
    });
    const request = makeRequest(2, 11);
    const prediction = await engine().predict(request);
    assert.equal(prediction.observation, 'total 0\ndrwxr-xr-x 2 root root 40 .');
    assert.equal(prediction.reasoning, 'An empty directory.');
    assert.equal(prediction.finishReason, 'stop');
    assert.deepEqual(prediction.events, []);
    assert.deepEqual(prediction.provenance, {
      source: 'simulated',
      engine: 'lwm',
      model: 'scripted-world-model',
      promptHash: request.promptHash,
    });
    assert.ok(prediction.usage !== undefined);
    assert.ok(prediction.usage.promptTokens > 0 && prediction.usage.completionTokens > 0);
    assert.equal(
      prediction.usage.totalTokens,
      prediction.usage.promptTokens + prediction.usage.completionTokens,
    );
    assert.ok((prediction.usage.reasoningTokens ?? 0) > 0);
    assert.equal(prediction.usage.cachedPromptTokens, 0);

    const body = server.completionBodies[0];
    assert.ok(body !== undefined);
    assert.equal(
      JSON.stringify(body.messages),
      JSON.stringify(request.messages),
      'messages must be byte-identical',
    );
    assert.equal(body.model, 'scripted-world-model');
    assert.equal(body.seed, deriveSamplingSeed(11, 2));
    assert.equal(body.temperature, 0.6);
    assert.equal(body.max_tokens, 32768);
    assert.equal(body.stream, false);
    assert.equal('top_p' in body, false);
  });

  it('reasoning_content mode (reasoning parser on): reasoning comes from the separate field', async () => {
    script({
      type: 'observation',
      observation: 'hello',
      reasoning: 'Echo prints.',
      reasoningMode: 'reasoning_content',
    });
    const prediction = await engine().predict(makeRequest());
    assert.equal(prediction.observation, 'hello');
    assert.equal(prediction.reasoning, 'Echo prints.');
    script({
      type: 'observation',
      observation: 'hi',
      reasoning: 'Newer vLLM field.',
      reasoningMode: 'reasoning',
    });
    assert.equal((await engine().predict(makeRequest())).reasoning, 'Newer vLLM field.');
  });

  it('streaming assembles content, reasoning, finish reason and usage', async () => {
    server.resetStats();
    const streaming = engine({ stream: true });
    script(
      {
        type: 'observation',
        observation: 'streamed\n  output',
        reasoning: 'Chunked reasoning.',
        reasoningMode: 'reasoning_content',
      },
      {
        type: 'observation',
        observation: 'think streamed',
        reasoning: 'Inline.',
        reasoningMode: 'think',
        marker: true,
      },
    );
    const first = await streaming.predict(makeRequest());
    assert.equal(first.observation, 'streamed\n  output');
    assert.equal(first.reasoning, 'Chunked reasoning.');
    assert.equal(first.finishReason, 'stop');
    assert.ok((first.usage?.promptTokens ?? 0) > 0);
    assert.ok((first.usage?.reasoningTokens ?? 0) > 0);
    const second = await streaming.predict(makeRequest());
    assert.equal(second.observation, 'think streamed');
    assert.equal(second.reasoning, 'Inline.');
    assert.ok(
      (second.usage?.cachedPromptTokens ?? 0) > 0,
      'the same prompt again is served from the prefix cache',
    );
    const body = server.completionBodies[0];
    assert.equal(body?.stream, true);
    assert.deepEqual(body?.stream_options, { include_usage: true });
  });

  it('429 with Retry-After is honoured (capped), then succeeds', async () => {
    script({ type: 'error', status: 429, retryAfter: 1, message: 'too many requests' }, 'after the wait');
    const started = Date.now();
    const prediction = await engine({ retryAfterMaxMs: 120 }).predict(makeRequest());
    assert.ok(Date.now() - started >= 110, 'waited for Retry-After');
    assert.equal(prediction.observation, 'after the wait');
    assert.equal(prediction.events.length, 1);
    assert.deepEqual(prediction.events[0]?.data, {
      attempt: 1,
      reason: 'rate_limited',
      delayMs: 120,
      status: 429,
    });
    assert.equal(prediction.events[0]?.type, 'engine.retry');
  });

  it('500 twice then success: two retry events and engine-wide totals', async () => {
    script({ type: 'error', status: 500 }, { type: 'error', status: 500 }, 'third time lucky');
    const lwm = engine();
    const prediction = await lwm.predict(makeRequest());
    assert.equal(prediction.observation, 'third time lucky');
    assert.deepEqual(
      prediction.events.map((event) => [
        event.type,
        event.data?.attempt,
        event.data?.reason,
        event.data?.status,
      ]),
      [
        ['engine.retry', 1, 'server_error', 500],
        ['engine.retry', 2, 'server_error', 500],
      ],
    );
    const totals = lwm.usage();
    assert.equal(totals.requests, 3);
    assert.equal(totals.failures, 2);
    assert.equal(totals.retries, 2);
    assert.equal(totals.promptTokens, prediction.usage?.promptTokens);
  });

  it('garbage on every attempt ends in MODEL_OUTPUT_INVALID, resampling with new seeds', async () => {
    server.resetStats();
    const garbage: ScriptedReply = { type: 'raw', content: 'I think the command lists files.' };
    script(garbage, garbage, garbage);
    const lwm = engine({ maxRetries: 2 });
    const error = await expectCode(lwm.predict(makeRequest(1, 5)), 'MODEL_OUTPUT_INVALID');
    assert.equal(error.retryable, true);
    assert.equal(error.details.attempts, 3);
    assert.equal(server.completionBodies.length, 3);
    assert.deepEqual(
      server.completionBodies.map((body) => body.seed),
      [deriveSamplingSeed(5, 1), deriveSamplingSeed(5, 1, 1), deriveSamplingSeed(5, 1, 2)],
    );
    const totals = lwm.usage();
    assert.equal(totals.failures, 3);
    assert.ok(totals.promptTokens > 0, 'usage of failed attempts is counted');
  });

  it('a truncated answer is MODEL_OUTPUT_INVALID with finishReason length', async () => {
    script({ type: 'truncated', reasoning: 'thinking for too long', reasoningMode: 'reasoning_content' });
    const error = await expectCode(engine({ maxRetries: 0 }).predict(makeRequest()), 'MODEL_OUTPUT_INVALID');
    assert.equal(error.details.finishReason, 'length');
  });

  it('a stream dropped midway is retried', async () => {
    script({ type: 'drop', afterChunks: 2 }, 'complete now');
    const prediction = await engine({ stream: true }).predict(makeRequest());
    assert.equal(prediction.observation, 'complete now');
    assert.equal(prediction.events[0]?.data?.reason, 'connection');
  });

  it('refusals are not retried: ENGINE_ERROR with the status and the server message', async () => {
    server.resetStats();
    script({ type: 'error', status: 400, message: 'maximum context length is 262144 tokens' });
    const error = await expectCode(engine().predict(makeRequest()), 'ENGINE_ERROR');
    assert.equal(error.retryable, false);
    assert.equal(error.details.status, 400);
    assert.match(error.message, /maximum context length/);
    assert.equal(server.completionBodies.length, 1);
    const wrongModel = await expectCode(
      engine({ model: 'not-served' }).predict(makeRequest()),
      'ENGINE_ERROR',
    );
    assert.equal(wrongModel.details.status, 404);
  });

  it('a hanging server ends in ENGINE_TIMEOUT; so does a stream that stalls after its headers', async () => {
    script({ type: 'hang' }, { type: 'hang' });
    const error = await expectCode(
      engine({ timeoutMs: 100, maxRetries: 1 }).predict(makeRequest()),
      'ENGINE_TIMEOUT',
    );
    assert.equal(error.details.attempts, 2);
    const stalling = await startScriptedModelServer({ streamChunkDelayMs: 10_000 });
    try {
      const lwm = createLwmEngine({
        baseUrl: stalling.url,
        model: stalling.model,
        stream: true,
        timeoutMs: 150,
        maxRetries: 0,
      });
      // The stream's next chunk is 10 s away: ENGINE_TIMEOUT (not an observation) is the 150 ms limit ending it.
      await expectCode(lwm.predict(makeRequest()), 'ENGINE_TIMEOUT');
    } finally {
      await stalling.close();
    }
  });

  it('aborting stops at once: during a slow request, during backoff, and before starting', async () => {
    script({ type: 'observation', observation: 'late', latencyMs: 10_000 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    // The answer is 10 s away and the backoff below 20 s: ABORTED (not an answer) is the abort ending them.
    await expectCode(engine().predict(makeRequest(), { signal: controller.signal }), 'ABORTED');

    script({ type: 'error', status: 503 });
    const backoff = new AbortController();
    setTimeout(() => backoff.abort(), 80);
    await expectCode(
      engine({ retryBaseMs: 20_000, retryMaxMs: 20_000 }).predict(makeRequest(), { signal: backoff.signal }),
      'ABORTED',
    );

    server.resetStats();
    await expectCode(engine().predict(makeRequest(), { signal: AbortSignal.abort() }), 'ABORTED');
    assert.equal(server.completionBodies.length, 0);
  });

  it('the same seed and prompt reproduce the same observation; another seed changes it', async () => {
    server.setScript([]);
    const one = await engine().predict(makeRequest(3, 42));
    const two = await engine().predict(makeRequest(3, 42));
    const other = await engine().predict(makeRequest(3, 43));
    assert.equal(one.observation, two.observation);
    assert.notEqual(one.observation, other.observation);
    assert.match(one.observation, new RegExp(`turn 3 \\(seed ${deriveSamplingSeed(42, 3)}\\)`));
  });

  it('sends extraBody and topP, omits the seed when asked, and reports its identity', async () => {
    server.resetStats();
    const lwm = engine({
      topP: 0.95,
      sendSeed: false,
      extraBody: { chat_template_kwargs: { enable_thinking: true }, top_k: 20 },
      apiKey: 'secret-key',
      concurrency: 3,
      timeoutMs: 1234,
    });
    await lwm.predict(makeRequest());
    const body = server.completionBodies[0];
    assert.deepEqual(body?.chat_template_kwargs, { enable_thinking: true });
    assert.equal(body?.top_k, 20);
    assert.equal(body?.top_p, 0.95);
    assert.equal('seed' in (body ?? {}), false);
    assert.equal(server.requests[0]?.headers.authorization, 'Bearer secret-key');
    const identity = lwm.identity();
    assert.deepEqual(identity, {
      engine: 'lwm',
      baseUrl: server.url,
      model: 'scripted-world-model',
      temperature: 0.6,
      topP: 0.95,
      maxTokens: 32768,
      extraBody: { chat_template_kwargs: { enable_thinking: true }, top_k: 20 },
      sendSeed: false,
    });
    assert.equal(JSON.stringify(identity).includes('secret-key'), false);
    assert.equal(JSON.stringify(lwm.options).includes('secret-key'), false);
  });

  it('a closed engine refuses to predict', async () => {
    const lwm = engine();
    await lwm.close();
    await expectCode(lwm.predict(makeRequest()), 'INVALID_REQUEST');
  });
});

describe('lwm engine: unreachable servers and concurrency', () => {
  it('a server that is down ends in ENGINE_UNAVAILABLE after the retries', async () => {
    const server = await startScriptedModelServer();
    await server.close();
    const lwm = createLwmEngine({ baseUrl: server.url, model: server.model, maxRetries: 2, ...quick });
    const error = await expectCode(lwm.predict(makeRequest()), 'ENGINE_UNAVAILABLE');
    assert.equal(error.retryable, true);
    assert.equal(error.details.attempts, 3);
    assert.equal(lwm.usage().requests, 3);
    assert.equal(lwm.usage().retries, 2);
  });

  it('an outage in the middle is ridden out when it ends before the retries do', async () => {
    const server = await startScriptedModelServer();
    try {
      await server.setDown(true);
      setTimeout(() => void server.setDown(false), 60);
      const lwm = createLwmEngine({
        baseUrl: server.url,
        model: server.model,
        maxRetries: 8,
        retryBaseMs: 20,
        retryMaxMs: 40,
      });
      const prediction = await lwm.predict(makeRequest());
      assert.match(prediction.observation, /scripted observation for turn 1/);
      assert.ok(prediction.events.length >= 1);
      assert.ok(prediction.events.every((event) => event.data?.reason === 'connection'));
    } finally {
      await server.close();
    }
  });

  it('never has more requests in flight than the endpoint limit', async () => {
    const server = await startScriptedModelServer({ latencyMs: 60 });
    try {
      const lwm = createLwmEngine({ baseUrl: server.url, model: server.model, concurrency: 3 });
      await Promise.all(Array.from({ length: 9 }, (_, index) => lwm.predict(makeRequest(index + 1))));
      assert.equal(server.maxInFlight, 3);
      assert.equal(server.completionBodies.length, 9);
    } finally {
      await server.close();
    }
  });

  it('engines of one endpoint share its limit, raised to the largest request', async () => {
    const server = await startScriptedModelServer({ latencyMs: 50 });
    try {
      const first = createLwmEngine({ baseUrl: server.url, model: server.model, concurrency: 2 });
      const second = createLwmEngine({ baseUrl: `${server.url}/`, model: server.model, concurrency: 2 });
      await Promise.all(
        Array.from({ length: 8 }, (_, index) =>
          (index % 2 === 0 ? first : second).predict(makeRequest(index + 1)),
        ),
      );
      assert.equal(server.maxInFlight, 2);
      server.resetStats();
      const third = createLwmEngine({ baseUrl: server.url, model: server.model, concurrency: 4 });
      await Promise.all(Array.from({ length: 8 }, (_, index) => third.predict(makeRequest(index + 1))));
      assert.equal(server.maxInFlight, 4);
    } finally {
      await server.close();
    }
  });

  it('a request waiting for a slot can be aborted and never reaches the server', async () => {
    const server = await startScriptedModelServer({ latencyMs: 300 });
    try {
      const lwm = createLwmEngine({ baseUrl: server.url, model: server.model, concurrency: 1 });
      let runningDone = false;
      const running = lwm.predict(makeRequest(1)).then(() => {
        runningDone = true;
      });
      const controller = new AbortController();
      const queued = lwm.predict(makeRequest(2), { signal: controller.signal });
      setTimeout(() => controller.abort(), 30);
      await expectCode(queued, 'ABORTED');
      assert.equal(runningDone, false, 'the queued call gave up before the slot was free');
      await running;
      assert.equal(server.completionBodies.length, 1);
      assert.equal(lwm.usage().failures, 0);
    } finally {
      await server.close();
    }
  });
});

describe('lwm engine message fidelity', () => {
  it('sends every message byte for byte, including odd characters', async () => {
    const server = await startScriptedModelServer();
    try {
      const lwm = createLwmEngine({ baseUrl: server.url, model: server.model });
      const messages: ChatMessage[] = [
        { role: 'system', content: 'tabs\tand\r\nCRLF, NUL-free control \u0007 bell, emoji 🧪, quotes "\'`' },
        { role: 'user', content: '### Turn 1\n**Action:**\n````\n```nested```\n````' },
        { role: 'assistant', content: '**Environment Observation:**\n  indented\n\n' },
        { role: 'user', content: '### Turn 2\n**Action:**\n```\nls\n```\n\n<predicted_observation> please' },
      ];
      await lwm.predict({ ...makeRequest(2), messages, promptHash: contentHash(messages) });
      assert.equal(JSON.stringify(server.completionBodies[0]?.messages), JSON.stringify(messages));
    } finally {
      await server.close();
    }
  });
});
