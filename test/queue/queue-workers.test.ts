/**
 * Real processes: `agentworld worker` children under tsx share one Redis and one SQLite store. Two workers share
 * a `bench infer --queue` run whose output equals the in-process run's; a worker killed with SIGKILL mid-job and
 * a Redis restart mid-run lose and duplicate nothing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RunQueue } from '../../src/queue/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { runCli } from '../cli/run-cli.js';
import {
  comparable,
  eventually,
  readLines,
  setUpQueueWorkers,
  startQueuedInfer,
  stopWorkerGracefully,
  writeRows,
} from './queue-fixtures.js';

const setup = setUpQueueWorkers('queue-workers');
const { scratch, workers } = setup;

/** Every item of the run has exactly one stored result, and --out holds each row once, in order. */
async function assertComplete(store: Store, runId: string, out: string, rows: number): Promise<void> {
  const results = await store.listItemResults(runId);
  assert.equal(results.length, rows);
  assert.equal(new Set(results.map((result) => result.itemKey)).size, rows);
  const lines = readLines(out);
  assert.deepEqual(
    lines.map((line) => line.id),
    Array.from({ length: rows }, (_, index) => index + 1),
  );
  assert.ok(lines.every((line) => !line.failed && line.prediction === `screen ${line.id}`));
}

describe('queue workers (real processes)', () => {
  it('two workers share a bench infer --queue run; its output equals the in-process run', async () => {
    const data = writeRows(scratch.file('share.jsonl'), 20);
    const storePath = scratch.file('share.db');
    const first = workers.start(storePath);
    const second = workers.start(storePath);
    for (const worker of [first, second])
      await eventually(
        async () => (/taking jobs from/.test(worker.output()) ? true : undefined),
        'the worker to start',
      );
    const model = ['--model-url', setup.server.url, '--model', 'm', '--no-progress', '--concurrency', '1'];
    const queued = await runCli([
      'bench',
      'infer',
      '--data',
      data,
      '--out',
      scratch.file('share-queued.jsonl'),
      ...model,
      '--queue',
      setup.redis.url,
      '--store',
      storePath,
    ]);
    assert.equal(queued.code, 0, queued.stderr);
    assert.match(queued.stdout, /bench infer: done 20, failed 0/);
    const local = await runCli([
      'bench',
      'infer',
      '--data',
      data,
      '--out',
      scratch.file('share-local.jsonl'),
      ...model,
    ]);
    assert.equal(local.code, 0, local.stderr);
    assert.deepEqual(
      readLines(scratch.file('share-queued.jsonl')).map(comparable),
      readLines(scratch.file('share-local.jsonl')).map(comparable),
    );
    await stopWorkerGracefully(first);
    await stopWorkerGracefully(second);
    const store = await openStore(storePath);
    try {
      const runId = /run (infer-[0-9a-f]+)/.exec(queued.stderr)?.[1] ?? '';
      const writers = new Set((await store.listItemResults(runId)).map((result) => result.writtenBy));
      assert.equal(writers.size, 2, `both workers wrote results: ${[...writers].join(', ')}`);
    } finally {
      await store.close();
    }
  });

  it('a worker killed with SIGKILL mid-job: its job runs again elsewhere, nothing lost or duplicated', async () => {
    const data = writeRows(scratch.file('kill.jsonl'), 12);
    const out = scratch.file('kill-out.jsonl');
    const storePath = scratch.file('kill.db');
    const store = await openStore(storePath);
    const queue = await RunQueue.open(setup.redis.url);
    try {
      setup.server.resetStats();
      const victim = workers.start(storePath);
      const { run, runId } = startQueuedInfer({ queue, store, data, out, modelUrl: setup.server.url });
      // Killed while it holds jobs: some results are in, and requests of its are being answered.
      await eventually(
        async () =>
          (await store.countItemResults(runId())) >= 2 && setup.server.inFlight > 0 ? true : undefined,
        'the first results',
      );
      victim.child.kill('SIGKILL');
      assert.equal(await victim.exited, null);
      const before = await store.countItemResults(runId());
      assert.ok(before < 12, 'the run was not finished when the worker was killed');
      const rescuer = workers.start(storePath);
      const summary = await run;
      assert.equal(summary.done, 12);
      assert.equal(summary.failedJobs.length, 0);
      await assertComplete(store, runId(), out, 12);
      // The rows the killed worker had in flight were delivered again and sent again.
      assert.ok(
        setup.server.completionBodies.length > 12,
        `${setup.server.completionBodies.length} requests`,
      );
      await stopWorkerGracefully(rescuer);
    } finally {
      await queue.close();
      await store.close();
    }
  });

  it('survives a Redis restart mid-run with nothing lost (the worker says QUEUE_UNAVAILABLE and reconnects)', async () => {
    const data = writeRows(scratch.file('restart.jsonl'), 12);
    const out = scratch.file('restart-out.jsonl');
    const storePath = scratch.file('restart.db');
    const store = await openStore(storePath);
    const queue = await RunQueue.open(setup.redis.url);
    try {
      const worker = workers.start(storePath);
      const { run, runId } = startQueuedInfer({ queue, store, data, out, modelUrl: setup.server.url });
      await eventually(
        async () => ((await store.countItemResults(runId())) >= 2 ? true : undefined),
        'the first results',
      );
      // Down long enough for the worker to notice, then back on the same port and append-only file.
      await setup.redis.halt();
      await eventually(
        async () => (/QUEUE_UNAVAILABLE/.test(worker.output()) ? true : undefined),
        'the worker to report Redis down',
      );
      await setup.redis.start();
      const summary = await run;
      assert.equal(summary.done, 12);
      await assertComplete(store, runId(), out, 12);
      assert.match(worker.output(), /is back/);
      await stopWorkerGracefully(worker);
    } finally {
      await queue.close();
      await store.close();
    }
  });
});
