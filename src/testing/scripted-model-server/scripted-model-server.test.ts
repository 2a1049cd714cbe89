import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import OpenAI from 'openai';
import {
  defaultScriptedResponder,
  type ScriptedModelServer,
  type ScriptedRequest,
  startScriptedModelServer,
} from './index.js';

const turnPrompt = (turn: number, action: string): string =>
  `### Turn ${turn}\n**Action:**\n\`\`\`json\n${action}\n\`\`\`\n\nAnswer inside tags.`;

async function postCompletion(
  server: ScriptedModelServer,
  body: Record<string, unknown>,
  init: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Response> {
  return fetch(`${server.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: JSON.stringify({ model: server.model, messages: [{ role: 'user', content: 'hi' }], ...body }),
    ...(init.signal === undefined ? {} : { signal: init.signal }),
  });
}

describe('scripted model server with the openai client', () => {
  let server: ScriptedModelServer;
  let client: OpenAI;
  before(async () => {
    server = await startScriptedModelServer();
    client = new OpenAI({ baseURL: server.url, apiKey: 'EMPTY', maxRetries: 0 });
  });
  after(() => server.close());

  it('answers like a thinking model without a reasoning parser, deterministically from the seed', async () => {
    const messages = [
      { role: 'system' as const, content: 'You simulate a terminal.' },
      { role: 'user' as const, content: turnPrompt(1, '[{"keystrokes": "ls\\n"}]') },
    ];
    const first = await client.chat.completions.create({ model: server.model, messages, seed: 7 });
    const again = await client.chat.completions.create({ model: server.model, messages, seed: 7 });
    const content = first.choices[0]?.message.content ?? '';
    assert.match(content, /^<think>\n[\s\S]+\n<\/think>\n\n<predicted_observation>\n/);
    assert.ok(content.includes('scripted observation for turn 1 (seed 7)\n[{"keystrokes": "ls\\n"}]'));
    assert.ok(content.endsWith('\n</predicted_observation>'));
    assert.equal(again.choices[0]?.message.content, content);
    assert.equal(first.choices[0]?.finish_reason, 'stop');
    assert.equal(first.model, 'scripted-world-model');

    const usage = first.usage;
    assert.ok(usage !== undefined);
    assert.ok(usage.prompt_tokens > 0 && usage.completion_tokens > 0);
    assert.equal(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens);
    assert.ok((usage.completion_tokens_details?.reasoning_tokens ?? 0) > 0);
    const recorded = server.completionBodies.at(-2);
    assert.deepEqual(recorded?.messages, messages);
    assert.equal(recorded?.seed, 7);
  });

  it('simulates a prefix cache: shared history is reported as cached tokens', async () => {
    server.resetStats();
    const system = { role: 'system' as const, content: 'S'.repeat(400) };
    const one = await client.chat.completions.create({
      model: server.model,
      messages: [system, { role: 'user', content: turnPrompt(1, 'a') }],
    });
    assert.equal(one.usage?.prompt_tokens_details?.cached_tokens, 0);
    const two = await client.chat.completions.create({
      model: server.model,
      messages: [
        system,
        { role: 'user', content: turnPrompt(1, 'a') },
        { role: 'assistant', content: 'observation' },
        { role: 'user', content: turnPrompt(2, 'b') },
      ],
    });
    const cached = two.usage?.prompt_tokens_details?.cached_tokens ?? 0;
    assert.ok(cached >= 100, `expected the 400-char system prompt to be cached, got ${cached}`);
    assert.ok(cached < (two.usage?.prompt_tokens ?? 0));
    const unrelated = await client.chat.completions.create({
      model: server.model,
      messages: [{ role: 'system', content: 'T'.repeat(400) }],
    });
    assert.ok((unrelated.usage?.prompt_tokens_details?.cached_tokens ?? 0) < 10);
  });

  it('streams reasoning_content and content deltas, then a usage chunk', async () => {
    server.setScript([
      {
        type: 'observation',
        observation: 'total 0',
        reasoning: 'An empty folder.',
        reasoningMode: 'reasoning_content',
      },
    ]);
    const stream = await client.chat.completions.create({
      model: server.model,
      messages: [{ role: 'user', content: turnPrompt(1, 'ls') }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let content = '';
    let reasoning = '';
    let finish: string | null = null;
    let usageChunks = 0;
    let contentChunks = 0;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (choice !== undefined) {
        const delta = choice.delta as { content?: string | null; reasoning_content?: string };
        if (delta.content) {
          content += delta.content;
          contentChunks++;
        }
        reasoning += delta.reasoning_content ?? '';
        finish = choice.finish_reason ?? finish;
      }
      if (chunk.usage) usageChunks++;
    }
    assert.equal(reasoning, 'An empty folder.');
    assert.equal(content, '\n\n<predicted_observation>\ntotal 0\n</predicted_observation>');
    assert.ok(contentChunks >= 2, 'content arrives in several chunks');
    assert.equal(finish, 'stop');
    assert.equal(usageChunks, 1);
  });

  it('consumes a queue in order, then falls back to the responder', async () => {
    server.setScript(['first', { type: 'observation', observation: 'second', reasoningMode: 'none' }]);
    assert.equal(server.queued, 2);
    const ask = async (): Promise<string> =>
      (
        await client.chat.completions.create({
          model: server.model,
          messages: [{ role: 'user', content: 'x' }],
        })
      ).choices[0]?.message.content ?? '';
    assert.ok((await ask()).includes('<predicted_observation>\nfirst\n</predicted_observation>'));
    assert.equal(await ask(), '<predicted_observation>\nsecond\n</predicted_observation>');
    assert.ok((await ask()).includes('scripted observation for turn 1 (seed none)'));
    server.setScript((request: ScriptedRequest, index: number) => ({
      type: 'raw',
      content: `index ${index} temperature ${request.temperature}`,
    }));
    const raw = await client.chat.completions.create({
      model: server.model,
      messages: [{ role: 'user', content: 'x' }],
      temperature: 0.25,
    });
    assert.match(raw.choices[0]?.message.content ?? '', /^index \d+ temperature 0\.25$/);
    server.setScript(defaultScriptedResponder);
  });

  it('reports truncation with finish_reason length', async () => {
    server.setScript([{ type: 'truncated', reasoning: 'Thinking long', reasoningMode: 'reasoning_content' }]);
    const cut = await client.chat.completions.create({
      model: server.model,
      messages: [{ role: 'user', content: 'x' }],
    });
    assert.equal(cut.choices[0]?.finish_reason, 'length');
    assert.equal(cut.choices[0]?.message.content, null);
    assert.equal(
      (cut.choices[0]?.message as { reasoning_content?: string } | undefined)?.reasoning_content,
      'Thinking long',
    );
  });

  it('lists its model and answers errors the openai client understands', async () => {
    const models = await client.models.list();
    assert.deepEqual(
      models.data.map((entry) => entry.id),
      ['scripted-world-model'],
    );
    await assert.rejects(
      client.chat.completions.create({
        model: 'some-other-model',
        messages: [{ role: 'user', content: 'x' }],
      }),
      (error: unknown) => error instanceof OpenAI.NotFoundError && /does not exist/.test(error.message),
    );
    server.setScript([{ type: 'error', status: 429, retryAfter: 3, message: 'slow down' }]);
    await assert.rejects(
      client.chat.completions.create({ model: server.model, messages: [{ role: 'user', content: 'x' }] }),
      (error: unknown) =>
        error instanceof OpenAI.RateLimitError &&
        error.headers.get('retry-after') === '3' &&
        /slow down/.test(error.message),
    );
  });
});

describe('scripted model server over raw HTTP', () => {
  let server: ScriptedModelServer;
  before(async () => {
    server = await startScriptedModelServer({ reasoningMode: 'none' });
  });
  after(() => server.close());

  it('sends raw content exactly as scripted', async () => {
    server.setScript([{ type: 'raw', content: '%%garbage <predicted_obs', finishReason: 'stop' }]);
    const response = await postCompletion(server, {});
    assert.equal(response.status, 200);
    const json = (await response.json()) as { choices: Array<{ message: { content: string } }> };
    assert.equal(json.choices[0]?.message.content, '%%garbage <predicted_obs');
  });

  it('sends HTTP errors with their body and Retry-After', async () => {
    server.setScript([
      { type: 'error', status: 503, retryAfter: 'Wed, 21 Oct 2037 07:28:00 GMT', body: 'overloaded' },
    ]);
    const response = await postCompletion(server, {});
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('retry-after'), 'Wed, 21 Oct 2037 07:28:00 GMT');
    assert.equal(await response.text(), 'overloaded');
  });

  it('rejects bodies that are not JSON and requests without messages', async () => {
    const bad = await fetch(`${server.url}/chat/completions`, { method: 'POST', body: '{not json' });
    assert.equal(bad.status, 400);
    assert.equal(server.requests.at(-1)?.body, '{not json');
    const empty = await postCompletion(server, { messages: [] });
    assert.equal(empty.status, 400);
  });

  it('drops the connection, before the answer or in the middle of a stream', async () => {
    server.setScript([{ type: 'drop' }, { type: 'drop', afterChunks: 2 }]);
    await assert.rejects(postCompletion(server, {}), TypeError);
    const streamed = await postCompletion(server, { stream: true });
    assert.equal(streamed.status, 200);
    await assert.rejects(streamed.text());
  });

  it('hangs until the client gives up, and no longer counts the request', async () => {
    server.setScript([{ type: 'hang' }]);
    const started = Date.now();
    await assert.rejects(postCompletion(server, {}, { signal: AbortSignal.timeout(150) }));
    assert.ok(Date.now() - started >= 140);
    for (let wait = 0; server.inFlight > 0 && wait < 50; wait++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(server.inFlight, 0);
  });

  it('waits the scripted latency and tracks how many requests run at once', async () => {
    server.resetStats();
    server.setScript(
      Array.from({ length: 3 }, () => ({ type: 'observation' as const, observation: 'ok', latencyMs: 120 })),
    );
    const started = Date.now();
    const responses = await Promise.all([
      postCompletion(server, {}),
      postCompletion(server, {}),
      postCompletion(server, {}),
    ]);
    assert.ok(Date.now() - started >= 110);
    assert.deepEqual(
      responses.map((response) => response.status),
      [200, 200, 200],
    );
    assert.equal(server.maxInFlight, 3);
  });

  it('streams the final chunk and [DONE] without a usage chunk unless asked', async () => {
    const response = await postCompletion(server, { stream: true });
    const text = await response.text();
    const lines = text.split('\n\n').filter((line) => line.length > 0);
    assert.equal(lines.at(-1), 'data: [DONE]');
    const last = JSON.parse((lines.at(-2) ?? '').slice('data: '.length)) as {
      choices: Array<{ finish_reason: string | null }>;
    };
    assert.equal(last.choices[0]?.finish_reason, 'stop');
    assert.ok(!text.includes('"usage"'));
  });

  it('goes down (connection refused) and comes back on the same port', async () => {
    await server.setDown(true);
    await assert.rejects(postCompletion(server, {}), TypeError);
    await server.setDown(false);
    assert.equal((await postCompletion(server, {})).status, 200);
  });
});

describe('scripted model server options', () => {
  it('requires the API key when one is set', async () => {
    const server = await startScriptedModelServer({ apiKey: 'secret' });
    try {
      assert.equal((await postCompletion(server, {})).status, 401);
      assert.equal(
        (await postCompletion(server, {}, { headers: { authorization: 'Bearer wrong' } })).status,
        401,
      );
      assert.equal(
        (await postCompletion(server, {}, { headers: { authorization: 'Bearer secret' } })).status,
        200,
      );
      assert.equal(server.requests.at(-1)?.headers.authorization, 'Bearer secret');
    } finally {
      await server.close();
    }
  });

  it('accepts any model name when asked, and cuts answers at max_tokens when enforcing budgets', async () => {
    const server = await startScriptedModelServer({
      acceptAnyModel: true,
      enforceMaxTokens: true,
      model: 'mine',
    });
    try {
      const client = new OpenAI({ baseURL: server.url, apiKey: 'x', maxRetries: 0 });
      const answer = await client.chat.completions.create({
        model: 'anything',
        messages: [{ role: 'user', content: 'x' }],
        max_tokens: 5,
      });
      assert.equal(answer.model, 'mine');
      assert.equal(answer.choices[0]?.finish_reason, 'length');
      assert.equal(answer.choices[0]?.message.content?.length, 20);
    } finally {
      await server.close();
    }
  });

  it('closes promptly even with a hanging request open', async () => {
    const server = await startScriptedModelServer({ script: [{ type: 'hang' }] });
    const pending = postCompletion(server, {});
    for (let wait = 0; server.inFlight === 0 && wait < 50; wait++)
      await new Promise((r) => setTimeout(r, 10));
    await server.close();
    await assert.rejects(pending);
  });
});
