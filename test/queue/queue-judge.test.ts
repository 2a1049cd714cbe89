/**
 * `bench judge` rows as jobs: a worker judges them against a scripted judge, and the queued run writes the file
 * the in-process run writes (timing aside), in row order.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createReplayAnswerer, runInfer } from '../../src/fidelity/infer/index.js';
import { builtinJudgePrompts, createJudgeClient, runJudge } from '../../src/fidelity/judge/index.js';
import { RunQueue, runQueuedJudge, startQueueWorker } from '../../src/queue/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';
import { runCli } from '../cli/run-cli.js';
import { startTestRedis, type TestRedisServer } from '../helpers/redis-server.js';
import { comparable, readLines, scratchFolder, writeRows } from './queue-fixtures.js';

const scratch = scratchFolder('queue-judge');
let redis: TestRedisServer;
let judgeServer: ScriptedModelServer;
let store: Store;
let queue: RunQueue;

function verdict(score: number): string {
  return `Compared.\n<final_evaluation>\n\`\`\`json\n{"strengths": [], "weaknesses": [], "scores": {"format": ${score}, "factuality": ${score}, "consistency": ${score}, "realism": ${score}, "quality": ${score}}}\n\`\`\`\n</final_evaluation>`;
}

before(async () => {
  redis = await startTestRedis();
  judgeServer = await startScriptedModelServer({
    acceptAnyModel: true,
    script: () => ({ type: 'raw', content: verdict(4) }),
  });
  store = await openStore(scratch.file('store.db'));
  queue = await RunQueue.open(redis.url);
});
after(async () => {
  await queue.close();
  await store.close();
  await judgeServer.close();
  await redis.stop();
  scratch.remove();
});

describe('bench judge --queue', () => {
  it('judges rows through a worker and writes the in-process file in row order', async () => {
    const predictions = scratch.file('infer.jsonl');
    await runInfer({
      data: [writeRows(scratch.file('rows.jsonl'), 5)],
      out: predictions,
      answerer: createReplayAnswerer(),
      select: {},
      concurrency: 1,
      retry: { maxRetries: 0, timeoutMs: 10_000, retryBaseMs: 1, retryMaxMs: 1, retryAfterMaxMs: 1 },
      agentworldVersion: 'test',
    });
    const judge = {
      baseUrl: judgeServer.url,
      model: 'judge',
      temperature: 0.6,
      maxTokens: 1024,
      reasoningModel: false,
      timeoutMs: 60_000,
    };
    const client = createJudgeClient(judge);
    const prompts = builtinJudgePrompts();
    const local = scratch.file('judged-local.jsonl');
    await runJudge({
      predictions,
      out: local,
      client,
      prompts,
      concurrency: 1,
      maxAttempts: 3,
      agentworldVersion: 'test',
    });
    const worker = startQueueWorker({ queueUrl: redis.url, store, concurrency: 2 });
    try {
      const queued = scratch.file('judged-queued.jsonl');
      const summary = await runQueuedJudge({
        queue,
        store,
        predictions,
        out: queued,
        judge,
        judgeManifest: client.manifest,
        prompts,
        maxAttempts: 3,
        agentworldVersion: 'test',
        pollMs: 50,
      });
      assert.equal(summary.judged, 5);
      assert.equal(summary.failed, 0);
      assert.deepEqual(readLines(queued).map(comparable), readLines(local).map(comparable));
      assert.equal(judgeServer.completionBodies.length, 10, 'each row judged once per run');

      // The command line: `bench judge --queue` writes the same file.
      const cliOut = scratch.file('judged-cli.jsonl');
      const run = await runCli([
        'bench',
        'judge',
        '--predictions',
        predictions,
        '--out',
        cliOut,
        '--judge-url',
        judgeServer.url,
        '--judge-model',
        'judge',
        '--max-tokens',
        '1024',
        '--timeout-s',
        '60',
        '--no-progress',
        '--queue',
        redis.url,
        '--store',
        scratch.file('store.db'),
      ]);
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /bench judge: judged 5, failed 0/);
      assert.deepEqual(readLines(cliOut).map(comparable), readLines(local).map(comparable));
    } finally {
      await worker.close();
    }
  });
});
