import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { benchRowMessages } from '../../export/bench.js';
import {
  type ScriptedModelServer,
  type ScriptedReply,
  type ScriptedRequest,
  startScriptedModelServer,
} from '../../testing/index.js';
import { readResultLog } from '../run/result-log.js';
import type { BenchRow } from '../schemas.js';
import { observationSpan } from './confidence.js';
import {
  createOpenAiAnswerer,
  INFER_LINE_LOG_FORMAT,
  type InferRunOptions,
  type OpenAiAnswererOptions,
  runInfer,
} from './index.js';

const scratch = mkdtempSync(join(tmpdir(), 'agentworld-fidelity-infer-'));
let server: ScriptedModelServer;
/** Per-test answer, chosen by the row's id (it appears in its last user message). */
let respond: (request: ScriptedRequest, rowId: number) => ScriptedReply = () => 'ok';

before(async () => {
  server = await startScriptedModelServer({
    reasoningMode: 'think',
    script: (request) => {
      const last = request.messages[request.messages.length - 1]?.content ?? '';
      const rowId = Number(/row (\d+)/.exec(last)?.[1] ?? -1);
      return respond(request, rowId);
    },
  });
});
after(async () => {
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
});

function row(id: number, turnIdx = 2, size = 0): BenchRow {
  const prompts = Array.from(
    { length: turnIdx },
    (_, index) => `### Turn ${index + 1}\nrow ${id} action ${index}`,
  );
  return {
    task: 'terminal',
    id,
    prompt: prompts.map((prompt, index) => (index === turnIdx - 1 ? `${prompt}${'x'.repeat(size)}` : prompt)),
    response: prompts.map((_, index) => `**Environment Observation:**\nscreen ${id}.${index}`),
    current_prompt: `### Turn ${turnIdx}\nrow ${id}`,
    system_str: 'system',
    turn_idx: turnIdx,
    total_turns: 5,
  };
}

let fileCounter = 0;
function dataFile(rows: readonly BenchRow[]): { data: string; out: string } {
  fileCounter += 1;
  const data = join(scratch, `rows-${fileCounter}.jsonl`);
  writeFileSync(data, rows.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
  return { data, out: join(scratch, `out-${fileCounter}.jsonl`) };
}

function answerer(overrides: Partial<OpenAiAnswererOptions> = {}) {
  return createOpenAiAnswerer({
    baseUrl: server.url,
    model: server.model,
    temperature: 0.6,
    maxTokens: 1000,
    tokenField: 'max_tokens',
    logprobs: false,
    timeoutMs: 30_000,
    ...overrides,
  });
}

function options(data: string, out: string, overrides: Partial<InferRunOptions> = {}): InferRunOptions {
  return {
    data: [data],
    out,
    answerer: answerer(),
    select: {},
    concurrency: 4,
    retry: { maxRetries: 2, timeoutMs: 30_000, retryBaseMs: 1, retryMaxMs: 2, retryAfterMaxMs: 2 },
    agentworldVersion: 'test',
    ...overrides,
  };
}

describe('bench infer', () => {
  it('answers every row concurrently with the reference messages and extracts the observation', async () => {
    respond = (_request, rowId) => ({
      type: 'observation',
      observation: `screen of ${rowId}`,
      latencyMs: 20,
    });
    server.resetStats();
    const rows = Array.from({ length: 12 }, (_, index) => row(index + 1));
    const { data, out } = dataFile(rows);
    const summary = await runInfer(options(data, out));
    assert.equal(summary.done, 12);
    assert.equal(summary.failed, 0);
    assert.ok(server.maxInFlight > 1 && server.maxInFlight <= 4, `in flight ${server.maxInFlight}`);
    const sent = server.completionBodies.map((body) => JSON.stringify(body.messages)).sort();
    assert.deepEqual(sent, rows.map((entry) => JSON.stringify(benchRowMessages(entry))).sort());
    const { lines } = await readResultLog(out, INFER_LINE_LOG_FORMAT);
    const first = lines.find((line) => line.id === 1);
    assert.equal(first?.prediction, 'screen of 1');
    assert.match(first?.gen ?? '', /^<think>/);
    assert.equal(first?.finishReason, 'stop');
    assert.ok((first?.usage?.promptTokens ?? 0) > 0);
    assert.equal(first?.attempts, 1);
    // Run again: everything is done, nothing is sent.
    server.resetStats();
    const again = await runInfer(options(data, out));
    assert.equal(again.resumed, 12);
    assert.equal(again.done, 0);
    assert.equal(server.completionBodies.length, 0);
  });

  it('fails rows over --max-context-tokens without sending them', async () => {
    respond = () => 'ok';
    server.resetStats();
    const { data, out } = dataFile([row(1), row(2, 2, 40_000), row(3)]);
    const summary = await runInfer(options(data, out, { maxContextTokens: 5000 }));
    assert.equal(summary.done, 2);
    assert.equal(summary.failed, 1);
    assert.equal(summary.overContext, 1);
    assert.equal(server.completionBodies.length, 2);
    const { lines } = await readResultLog(out, INFER_LINE_LOG_FORMAT);
    const over = lines.find((line) => line.id === 2);
    assert.equal(over?.failed, true);
    assert.equal(over?.error?.code, 'CONTEXT_TOO_LONG');
    assert.equal(over?.error?.retryable, false);
    assert.match(over?.error?.message ?? '', /over --max-context-tokens 5000; not sent/);
  });

  it('retries a retryable failure, then writes the row as failed; a resumed run tries it again', async () => {
    respond = (_request, rowId) =>
      rowId === 2 ? { type: 'error', status: 503, message: 'overloaded' } : 'ok';
    server.resetStats();
    const { data, out } = dataFile([row(1), row(2), row(3)]);
    const summary = await runInfer(options(data, out));
    assert.equal(summary.done, 2);
    assert.equal(summary.failed, 1);
    assert.equal(server.completionBodies.length, 2 + 3, 'two rows once, the failing one 1 + 2 retries');
    let { lines } = await readResultLog(out, INFER_LINE_LOG_FORMAT);
    const failed = lines.find((line) => line.id === 2);
    assert.equal(failed?.failed, true);
    assert.equal(failed?.attempts, 3);
    assert.equal(failed?.error?.code, 'ENGINE_UNAVAILABLE');
    assert.equal(failed?.error?.retryable, true);
    assert.equal(failed?.prediction, '');

    respond = () => 'recovered';
    const resumed = await runInfer(options(data, out));
    assert.equal(resumed.resumed, 2);
    assert.equal(resumed.done, 1);
    ({ lines } = await readResultLog(out, INFER_LINE_LOG_FORMAT));
    assert.equal(lines.length, 3);
    assert.equal(lines.find((line) => line.id === 2)?.prediction, 'recovered');
  });

  it('does not retry a refused request or an answer cut off in its thinking', async () => {
    respond = (_request, rowId) =>
      rowId === 1
        ? { type: 'error', status: 422, message: 'bad request' }
        : { type: 'raw', content: '', reasoningContent: 'thinking…', finishReason: 'length' };
    server.resetStats();
    const { data, out } = dataFile([row(1), row(2)]);
    const summary = await runInfer(options(data, out));
    assert.equal(summary.failed, 2);
    assert.equal(server.completionBodies.length, 2);
    const { lines } = await readResultLog(out, INFER_LINE_LOG_FORMAT);
    assert.equal(lines.find((line) => line.id === 1)?.error?.code, 'ENGINE_ERROR');
    const truncated = lines.find((line) => line.id === 2);
    assert.equal(truncated?.error?.code, 'MODEL_OUTPUT_INVALID');
    assert.match(truncated?.error?.message ?? '', /raise --max-tokens/);
    assert.equal(truncated?.error?.retryable, false);
  });

  it('switches to max_completion_tokens and drops temperature when the server refuses them', async () => {
    respond = (request) => {
      if ('max_tokens' in request.body)
        return {
          type: 'error',
          status: 400,
          message:
            "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
        };
      if ('temperature' in request.body)
        return {
          type: 'error',
          status: 400,
          message:
            "Unsupported value: 'temperature' does not support 0.6 with this model. Only the default (1) value is supported.",
        };
      return 'adapted';
    };
    server.resetStats();
    const { data, out } = dataFile([row(1), row(2), row(3)]);
    const run = options(data, out, { concurrency: 1 });
    const summary = await runInfer(run);
    assert.equal(summary.done, 3);
    assert.equal(summary.notices.length, 2);
    assert.match(summary.notices[0] ?? '', /max_completion_tokens/);
    const last = server.completionBodies[server.completionBodies.length - 1] ?? {};
    assert.equal(last.max_completion_tokens, 1000);
    assert.equal('temperature' in last, false);
    assert.equal(server.completionBodies.length, 3 + 2, 'one refusal of each parameter, then every row once');
    const { lines } = await readResultLog(out, INFER_LINE_LOG_FORMAT);
    assert.ok(lines.every((line) => line.prediction === 'adapted' && line.attempts === 1));
  });

  it('asks for logprobs and turns them into the observation’s confidence', async () => {
    respond = () => ({ type: 'observation', observation: 'confident screen' });
    server.resetStats();
    // The scripted server sends no logprobs: add them on the way back, -0.1 inside the observation block, -3 outside.
    const withLogprobs: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const body = (await response.json()) as {
        choices: { message: { content: string }; logprobs: unknown }[];
      };
      const choice = body.choices[0];
      if (choice !== undefined) {
        const content = choice.message.content;
        const span = observationSpan(content) ?? { start: 0, end: 0 };
        const tokens = content.match(/[\s\S]{1,3}/g) ?? [];
        let offset = 0;
        choice.logprobs = {
          content: tokens.map((token) => {
            const start = offset;
            offset += token.length;
            return { token, logprob: offset > span.start && start < span.end ? -0.1 : -3 };
          }),
        };
      }
      return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
    };
    const { data, out } = dataFile([row(1)]);
    await runInfer(options(data, out, { answerer: answerer({ logprobs: true, fetch: withLogprobs }) }));
    assert.equal(server.completionBodies[0]?.logprobs, true);
    const { lines } = await readResultLog(out, INFER_LINE_LOG_FORMAT);
    const confidence = lines[0]?.confidence;
    assert.equal(confidence?.scope, 'observation');
    assert.ok(Math.abs((confidence?.meanLogprob ?? 0) + 0.1) < 1e-9);
    assert.ok(Math.abs((confidence?.confidence ?? 0) - Math.exp(-0.1)) < 1e-9);
    assert.ok((confidence?.tokens ?? 0) >= 'confident screen'.length / 3);
  });

  it('prints what a dry run would do and sends nothing', async () => {
    server.resetStats();
    const { data, out } = dataFile([row(1), row(2), row(3, 2, 40_000)]);
    writeFileSync(data, '{broken\n', { flag: 'a' });
    const summary = await runInfer(options(data, out, { dryRun: true, maxContextTokens: 5000 }));
    assert.equal(summary.selected, 3);
    assert.equal(summary.skipped, 1);
    assert.equal(summary.toRun, 2);
    assert.equal(summary.overContext, 1);
    assert.ok(summary.estimatedPromptTokens > 10_000);
    assert.equal(server.completionBodies.length, 0);
  });
});
