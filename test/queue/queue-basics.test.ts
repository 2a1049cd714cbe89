/**
 * The queue against a real Redis and a real SQLite store, workers in this process: invalid payloads fail once
 * and are not retried, a re-delivered job finds its result and does nothing, Redis down is QUEUE_UNAVAILABLE.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isAgentWorldError } from '../../src/core/errors.js';
import { createReplayAnswerer, inferRowLine, planInferRow } from '../../src/fidelity/infer/index.js';
import {
  type BenchInferJob,
  JobResources,
  jobIdOf,
  jobOptions,
  RunQueue,
  runQueuedInfer,
  startQueueWorker,
} from '../../src/queue/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';
import { startTestRedis, type TestRedisServer } from '../helpers/redis-server.js';
import { waitFor } from '../helpers/wait-for.js';
import {
  benchRow,
  eventually,
  FAST_RETRY,
  lwmEngine,
  queuedInferSettings,
  readLines,
  rowIdOf,
  scratchFolder,
  writeRows,
} from './queue-fixtures.js';

const scratch = scratchFolder('queue-basics');
let redis: TestRedisServer;
let server: ScriptedModelServer;
let store: Store;
let queue: RunQueue;

before(async () => {
  redis = await startTestRedis();
  server = await startScriptedModelServer({
    acceptAnyModel: true,
    // Rows from 90 on take a while, so a test can stop a worker while it runs one.
    script: (request) => {
      const rowId = rowIdOf(request.messages);
      return rowId >= 90
        ? { type: 'observation', observation: `screen ${rowId}`, latencyMs: 800 }
        : `screen ${rowId}`;
    },
  });
  store = await openStore(scratch.file('store.db'));
  queue = await RunQueue.open(redis.url);
});
after(async () => {
  await queue.close();
  await store.close();
  await server.close();
  await redis.stop();
  scratch.remove();
});

const lwm = () => lwmEngine(server.url);
const retry = FAST_RETRY;

function inferJob(runId: string, id: number, position: number): BenchInferJob {
  const row = benchRow(id);
  const key = `${row.task}:${row.id}:${row.turn_idx}`;
  return { kind: 'bench-infer', runId, itemKey: key, position, key, row, engine: lwm(), retry };
}

describe('queue basics', () => {
  it('fails a job whose payload is not valid once, with JOB_INVALID, and never retries it', async () => {
    const lines: string[] = [];
    const worker = startQueueWorker({ queueUrl: redis.url, store, log: (line) => lines.push(line) });
    try {
      const jobId = jobIdOf('invalid-run', 'item');
      await queue.bullQueue.add(
        'bench-infer',
        { kind: 'bench-infer', runId: 'invalid-run', row: 'nonsense' },
        jobOptions(jobId),
      );
      const failed = await eventually(async () => {
        const jobs = await queue.failedJobs('invalid-run');
        return jobs.length > 0 ? jobs : undefined;
      }, 'the invalid job to fail');
      assert.equal(failed.length, 1);
      const job = await queue.bullQueue.getJob(jobId);
      assert.equal(await job?.getState(), 'failed');
      assert.equal(job?.attemptsMade, 1);
      assert.match(job?.failedReason ?? '', /^JOB_INVALID: The job's payload is not valid/);
      assert.ok(lines.some((line) => line.includes('JOB_INVALID')));
      assert.equal(server.completionBodies.length, 0);
    } finally {
      await worker.close();
    }
  });

  it('a re-delivered job finds its result and does nothing', async () => {
    const runId = 'redelivered-run';
    const job = inferJob(runId, 7, 0);
    const line = await inferRowLine(planInferRow(job.key, job.row), {
      answerer: createReplayAnswerer(),
      retry,
    });
    assert.ok(line !== undefined);
    assert.equal(
      await store.putItemResult(runId, job.itemKey, {
        kind: 'bench-infer',
        position: 0,
        value: line,
        writtenBy: 'earlier',
      }),
      true,
    );
    server.resetStats();
    const worker = startQueueWorker({ queueUrl: redis.url, store, resources: new JobResources({}) });
    try {
      await queue.enqueue(runId, [{ itemKey: job.itemKey, payload: job }]);
      await waitFor(() => worker.counts.already === 1, 'the job to run');
      assert.equal(worker.counts.done, 0);
      assert.equal(server.completionBodies.length, 0, 'no request was sent');
      const stored = await store.listItemResults(runId);
      assert.equal(stored.length, 1);
      assert.equal(stored[0]?.writtenBy, 'earlier');
    } finally {
      await worker.close();
    }
  });

  it('runs queued rows through a worker and writes --out in row order', async () => {
    const data = writeRows(scratch.file('rows.jsonl'), 6);
    const out = scratch.file('queued.jsonl');
    const worker = startQueueWorker({ queueUrl: redis.url, store, concurrency: 3 });
    try {
      const run = () =>
        runQueuedInfer({ queue, store, data: [data], out, ...queuedInferSettings(server.url), pollMs: 50 });
      const summary = await run();
      assert.equal(summary.done, 6);
      assert.deepEqual(
        readLines(out).map((line) => [line.id, line.prediction]),
        [1, 2, 3, 4, 5, 6].map((id) => [id, `screen ${id}`]),
      );
      assert.equal(await store.countItemResults(summary.runId), 6);
      // The same command again: every row is in --out, nothing is queued or sent.
      server.resetStats();
      const again = await run();
      assert.equal(again.resumed, 6);
      assert.equal(again.toRun, 0);
      assert.equal(server.completionBodies.length, 0);
      assert.equal(readLines(out).length, 6);
    } finally {
      await worker.close();
    }
  });

  it('retries a job whose engine is unavailable with backoff, then stores its line once', async () => {
    const runId = 'engine-down-run';
    const job = inferJob(runId, 3, 0);
    const lines: string[] = [];
    await server.setDown(true);
    const worker = startQueueWorker({ queueUrl: redis.url, store, log: (line) => lines.push(line) });
    try {
      await queue.enqueue(runId, [{ itemKey: job.itemKey, payload: job }]);
      await eventually(
        async () =>
          lines.some((line) => /attempt 1 of \d+: .*retried with backoff/.test(line)) ? true : undefined,
        'the first attempt to fail',
      );
      assert.equal(
        await store.countItemResults(runId),
        0,
        'a retryable failure is not stored while attempts are left',
      );
      await server.setDown(false);
      const stored = await eventually(async () => store.getItemResult(runId, job.itemKey), 'the retried job');
      const line = stored.value as { failed: boolean; prediction: string };
      assert.equal(line.failed, false);
      assert.equal(line.prediction, 'screen 3');
      await waitFor(() => worker.counts.done === 1, 'the job to complete');
    } finally {
      await server.setDown(false);
      await worker.close();
    }
  });

  it('fails a job once with the reason when its failure is not retryable', async () => {
    const closedStore = await openStore(scratch.file('closed.db'));
    await closedStore.close();
    const runId = 'store-closed-run';
    const job = inferJob(runId, 4, 0);
    const worker = startQueueWorker({ queueUrl: redis.url, store: closedStore });
    try {
      await queue.enqueue(runId, [{ itemKey: job.itemKey, payload: job }]);
      const [failed] = await eventually(async () => {
        const jobs = await queue.failedJobs(runId);
        return jobs.length > 0 ? jobs : undefined;
      }, 'the job to fail');
      assert.equal(failed?.attemptsMade, 1);
      assert.match(failed?.reason ?? '', /^STORE_ERROR: /);
      assert.deepEqual(failed?.itemKeys, [job.itemKey]);
    } finally {
      await worker.close();
    }
  });

  it('a run whose jobs failed for good ends with their reasons; the same run again retries them', async () => {
    const data = writeRows(scratch.file('failing-rows.jsonl'), 3);
    const out = scratch.file('failing.jsonl');
    const closedStore = await openStore(scratch.file('closed-2.db'));
    await closedStore.close();
    const options = {
      queue,
      store,
      data: [data],
      out,
      ...queuedInferSettings(server.url),
      pollMs: 50,
    };
    const broken = startQueueWorker({ queueUrl: redis.url, store: closedStore, concurrency: 3 });
    let first: Awaited<ReturnType<typeof runQueuedInfer>>;
    try {
      first = await runQueuedInfer(options);
    } finally {
      await broken.close();
    }
    assert.equal(first.done, 0);
    assert.equal(first.failedJobs.length, 3);
    assert.ok(first.failedJobs.every((job) => job.reason.startsWith('STORE_ERROR: ')));
    assert.equal(readLines(out).length, 0);
    const healthy = startQueueWorker({ queueUrl: redis.url, store, concurrency: 3 });
    try {
      const second = await runQueuedInfer(options);
      assert.equal(second.runId, first.runId);
      assert.equal(second.done, 3);
      assert.equal(second.failedJobs.length, 0);
      assert.deepEqual(
        readLines(out).map((line) => line.id),
        [1, 2, 3],
      );
    } finally {
      await healthy.close();
    }
  });

  it('a graceful stop lets the running job finish and store its result', async () => {
    const runId = 'graceful-run';
    const job = inferJob(runId, 91, 0);
    const worker = startQueueWorker({ queueUrl: redis.url, store });
    await queue.enqueue(runId, [{ itemKey: job.itemKey, payload: job }]);
    await waitFor(() => server.inFlight > 0, 'the row to be sent');
    await worker.close();
    assert.equal(worker.counts.done, 1);
    const stored = await store.getItemResult(runId, job.itemKey);
    assert.equal((stored?.value as { prediction?: string } | undefined)?.prediction, 'screen 91');
  });

  it('a forced stop releases the running job to another worker without spending an attempt', async () => {
    const runId = 'forced-run';
    const job = inferJob(runId, 92, 0);
    const first = startQueueWorker({ queueUrl: redis.url, store, writtenBy: 'first' });
    await queue.enqueue(runId, [{ itemKey: job.itemKey, payload: job }]);
    await waitFor(() => server.inFlight > 0, 'the row to be sent');
    await first.close({ force: true });
    assert.equal(await store.getItemResult(runId, job.itemKey), undefined);
    const released = await queue.bullQueue.getJob(jobIdOf(runId, job.itemKey));
    assert.equal(released?.attemptsMade, 0);
    const second = startQueueWorker({ queueUrl: redis.url, store, writtenBy: 'second' });
    try {
      const stored = await eventually(
        async () => store.getItemResult(runId, job.itemKey),
        'the released job',
      );
      assert.equal(stored.writtenBy, 'second');
    } finally {
      await second.close();
    }
  });

  it('a worker started while Redis is down says QUEUE_UNAVAILABLE and takes jobs once it is up', async () => {
    const late = await startTestRedis();
    await late.halt();
    const lines: string[] = [];
    const worker = startQueueWorker({ queueUrl: late.url, store, log: (line) => lines.push(line) });
    try {
      await waitFor(
        () => lines.some((line) => line.startsWith('QUEUE_UNAVAILABLE')),
        'the worker to report Redis down',
      );
      await late.start();
      const lateQueue = await RunQueue.open(late.url);
      try {
        const runId = 'late-run';
        const job = inferJob(runId, 5, 0);
        await lateQueue.enqueue(runId, [{ itemKey: job.itemKey, payload: job }]);
        await eventually(async () => store.getItemResult(runId, job.itemKey), 'the job to run');
      } finally {
        await lateQueue.close();
      }
    } finally {
      await worker.close();
      await late.stop();
    }
  });

  it('the test Redis fails with a clear message when redis-server is missing', async () => {
    const saved = process.env.AGENTWORLD_REDIS_SERVER;
    process.env.AGENTWORLD_REDIS_SERVER = scratch.file('no-such-redis-server');
    try {
      await assert.rejects(startTestRedis(), /redis-server is needed by the queue tests and was not found/);
    } finally {
      if (saved === undefined) delete process.env.AGENTWORLD_REDIS_SERVER;
      else process.env.AGENTWORLD_REDIS_SERVER = saved;
    }
  });

  it('says QUEUE_UNAVAILABLE (retryable) when Redis is down', async () => {
    const stopped = await startTestRedis();
    await stopped.stop();
    await assert.rejects(RunQueue.open(stopped.url), (error: unknown) => {
      assert.ok(isAgentWorldError(error, 'QUEUE_UNAVAILABLE'));
      assert.equal(error.retryable, true);
      assert.match(error.message, /could not be reached/);
      return true;
    });
  });
});
