import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { type ErrorCode, isAgentWorldError } from '../core/errors.js';
import type { SessionRecord } from '../core/turn.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../testing/index.js';
import {
  OpenAiChatPolicy,
  type OpenAiChatPolicyOptions,
  openAiChatPolicyFactory,
} from './openai-chat-policy.js';
import type { PolicyTurn } from './policy.js';
import { exampleSessions } from './sessions.test-data.js';

const mcp = exampleSessions('mcp')[0] as SessionRecord;
const terminal = exampleSessions('terminal')[0] as SessionRecord;
const TERMINUS_REPLY =
  '{"analysis": "a", "plan": "b", "commands": [{"keystrokes": "ls\\n", "duration": 0.1}]}';

/**
 * A whole chat completion the scripted server sends as it is (its `error` reply with status 200 and our body):
 * the way to script tool calls, which its composed answers do not carry.
 */
function completion(
  message: Record<string, unknown>,
  usage?: Record<string, unknown>,
): Record<string, unknown> {
  return {
    type: 'error',
    status: 200,
    body: {
      id: 'chatcmpl-scripted',
      object: 'chat.completion',
      created: 0,
      model: 'scripted-world-model',
      choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: 'stop' }],
      usage: usage ?? { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
    },
  };
}

function first(record: SessionRecord): PolicyTurn {
  return { step: 0, spec: record.spec, observation: record.initialObservation };
}

async function rejectsWith(promise: Promise<unknown>, code: ErrorCode): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isAgentWorldError(error, code), `expected ${code}, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected ${code}`);
}

describe('OpenAiChatPolicy against the scripted OpenAI-compatible server', () => {
  let server: ScriptedModelServer;
  let options: OpenAiChatPolicyOptions;

  before(async () => {
    server = await startScriptedModelServer();
    options = {
      baseUrl: server.url,
      model: server.model,
      sampling: { temperature: 0.7, topP: 0.9, maxTokens: 512, seed: 3, extraBody: { top_k: 20 } },
    };
  });
  after(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.resetStats();
    server.setScript([]);
  });

  it('sends the tools and sampling parameters, reads a tool call and sends its result as a tool message', async () => {
    server.enqueue(
      completion({
        content: null,
        tool_calls: [
          { id: 'call_7', type: 'function', function: { name: 'echo', arguments: '{"message":"hi"}' } },
        ],
      }) as never,
      completion({ content: 'It said hi.' }) as never,
    );
    const policy = new OpenAiChatPolicy(options, { spec: mcp.spec, instruction: 'Say hi.' });
    const call = await policy.decide(first(mcp));
    assert.deepEqual(call.action, { name: 'echo', arguments: { message: 'hi' } });
    assert.equal(call.done, false);
    assert.deepEqual(call.usage, { promptTokens: 100, completionTokens: 20, totalTokens: 120 });
    const body = server.completionBodies[0] as Record<string, unknown>;
    assert.deepEqual(
      {
        t: body.temperature,
        p: body.top_p,
        m: body.max_tokens,
        s: body.seed,
        k: body.top_k,
        c: body.tool_choice,
      },
      { t: 0.7, p: 0.9, m: 512, s: 3, k: 20, c: 'auto' },
    );
    assert.deepEqual(body.tools, policy.adapter.tools);
    assert.ok((body.tools as unknown[]).length > 0);
    const answer = await policy.decide({ step: 1, spec: mcp.spec, observation: 'Echo: hi' });
    assert.deepEqual(
      { done: answer.done, finalAnswer: answer.finalAnswer },
      { done: true, finalAnswer: 'It said hi.' },
    );
    const sent = (server.completionBodies[1] as { messages: Record<string, unknown>[] }).messages;
    assert.deepEqual(sent.slice(-2), [
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_7', type: 'function', function: { name: 'echo', arguments: '{"message":"hi"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_7', content: 'Echo: hi' },
    ]);
    assert.deepEqual(policy.messages().slice(0, sent.length), sent);
    assert.equal(policy.messages().at(-1)?.content, 'It said hi.');
  });

  it('sends a text harness no tools, strips <think> from what is parsed and keeps it in the messages', async () => {
    const content = `<think>List the files first.</think>\n\n${TERMINUS_REPLY}`;
    server.enqueue({ type: 'raw', content });
    const policy = new OpenAiChatPolicy(options, { spec: terminal.spec, instruction: 'Look around.' });
    const decision = await policy.decide(first(terminal));
    assert.equal(decision.invalid, undefined);
    assert.equal(decision.action, TERMINUS_REPLY);
    assert.equal(decision.reasoning, 'List the files first.');
    assert.equal(decision.reply, content);
    assert.equal((server.completionBodies[0] as Record<string, unknown>).tools, undefined);
    assert.deepEqual(policy.messages().at(-1), { role: 'assistant', content });
    assert.ok(decision.usage !== undefined && decision.usage.promptTokens > 0);
  });

  it('keeps reasoning_content as its own field, never parsed', async () => {
    server.enqueue({ type: 'raw', content: TERMINUS_REPLY, reasoningContent: 'I should run ls.' });
    const policy = new OpenAiChatPolicy(options, { spec: terminal.spec, instruction: 'Look around.' });
    const decision = await policy.decide(first(terminal));
    assert.equal(decision.action, TERMINUS_REPLY);
    assert.equal(decision.reasoning, 'I should run ls.');
    assert.deepEqual(policy.messages().at(-1), {
      role: 'assistant',
      content: TERMINUS_REPLY,
      reasoning_content: 'I should run ls.',
    });
  });

  it("an invalid reply is the agent's invalid action, not an error", async () => {
    server.enqueue({ type: 'raw', content: 'I am not sure what to do.' });
    const policy = new OpenAiChatPolicy(options, { spec: terminal.spec, instruction: 'Look around.' });
    const decision = await policy.decide(first(terminal));
    assert.equal(decision.action, undefined);
    assert.equal(decision.done, false);
    assert.match(decision.invalid ?? '', /^Previous response had parsing errors:\nERROR: /);
  });

  it('a 500 is a retryable infrastructure error; the retried decision does not show its turn twice', async () => {
    server.enqueue({ type: 'error', status: 500 }, { type: 'raw', content: TERMINUS_REPLY });
    const policy = new OpenAiChatPolicy(options, { spec: terminal.spec, instruction: 'Look around.' });
    const error = (await rejectsWith(policy.decide(first(terminal)), 'ENGINE_ERROR')) as Error & {
      retryable: boolean;
    };
    assert.equal(error.retryable, true);
    assert.match(error.message, /^Policy model scripted-world-model at .* \(HTTP 500\)/);
    const decision = await policy.decide(first(terminal));
    assert.equal(decision.action, TERMINUS_REPLY);
    const [failed, retried] = server.completionBodies as Array<{ messages: unknown[] }>;
    assert.deepEqual(retried?.messages, failed?.messages);
    assert.equal(retried?.messages.length, 1);
  });

  it('maps 503, 429, a malformed answer and a dropped connection to their infrastructure codes', async () => {
    const cases: Array<[Record<string, unknown>, ErrorCode]> = [
      [{ type: 'error', status: 503 }, 'ENGINE_UNAVAILABLE'],
      [{ type: 'error', status: 429 }, 'ENGINE_RATE_LIMITED'],
      [
        { type: 'error', status: 200, body: { object: 'chat.completion', choices: [] } },
        'MODEL_OUTPUT_INVALID',
      ],
      [{ type: 'drop' }, 'ENGINE_UNAVAILABLE'],
    ];
    for (const [reply, code] of cases) {
      server.enqueue(reply as never);
      const policy = new OpenAiChatPolicy(options, { spec: terminal.spec, instruction: 'x' });
      const error = (await rejectsWith(policy.decide(first(terminal)), code)) as Error & {
        retryable: boolean;
      };
      assert.equal(error.retryable, true, code);
    }
  });

  it('a timeout is ENGINE_TIMEOUT', async () => {
    server.enqueue({ type: 'hang' });
    const policy = new OpenAiChatPolicy(
      { ...options, timeoutMs: 100 },
      { spec: terminal.spec, instruction: 'x' },
    );
    await rejectsWith(policy.decide(first(terminal)), 'ENGINE_TIMEOUT');
  });

  it('passes the AbortSignal to the request: aborting is ABORTED', async () => {
    server.enqueue({ type: 'hang' });
    const policy = new OpenAiChatPolicy(options, { spec: terminal.spec, instruction: 'x' });
    const controller = new AbortController();
    const pending = policy.decide(first(terminal), { signal: controller.signal });
    const started = server.requests.length;
    while (server.inFlight === 0 && server.requests.length === started)
      await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    await rejectsWith(pending, 'ABORTED');
    await rejectsWith(policy.decide(first(terminal), { signal: AbortSignal.abort() }), 'ABORTED');
  });

  it('a factory gives each episode its own conversation and sampling seed', async () => {
    server.enqueue({ type: 'raw', content: TERMINUS_REPLY }, { type: 'raw', content: TERMINUS_REPLY });
    const factory = openAiChatPolicyFactory(options);
    await factory(terminal.spec, 'x', 11).decide(first(terminal));
    await factory(terminal.spec, 'x', 12).decide(first(terminal));
    assert.deepEqual(
      server.completionBodies.map((body) => body.seed),
      [11, 12],
    );
  });
});
