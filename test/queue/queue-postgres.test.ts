/**
 * Workers on a shared PostgreSQL store (what several machines use): two `agentworld worker` processes, one killed
 * with SIGKILL mid-job, and a PostgreSQL restart mid-run; every row gets exactly one result and --out is complete.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RunQueue } from '../../src/queue/index.js';
import { openStore } from '../../src/store/index.js';
import {
  eventually,
  readLines,
  setUpQueueWorkers,
  startQueuedInfer,
  stopWorkerGracefully,
  writeRows,
} from './queue-fixtures.js';

const setup = setUpQueueWorkers('queue-postgres', { postgres: true });
const { scratch, workers } = setup;

describe('queue workers on PostgreSQL', () => {
  it('a SIGKILLed worker and a PostgreSQL restart mid-run lose and duplicate nothing', async () => {
    const storeUrl = await setup.postgres.createDatabase();
    const store = await openStore(storeUrl);
    const queue = await RunQueue.open(setup.redis.url);
    const rows = 16;
    const out = scratch.file('out.jsonl');
    try {
      const victim = workers.start(storeUrl);
      const survivor = workers.start(storeUrl);
      const { run, runId } = startQueuedInfer({
        queue,
        store,
        data: writeRows(scratch.file('rows.jsonl'), rows),
        out,
        modelUrl: setup.server.url,
      });
      await eventually(
        async () =>
          (await store.countItemResults(runId())) >= 2 && setup.server.inFlight > 1 ? true : undefined,
        'the first results',
      );
      victim.child.kill('SIGKILL');
      await victim.exited;
      await setup.postgres.restart();
      const summary = await run;
      assert.equal(summary.done, rows);
      assert.equal(summary.failedJobs.length, 0);
      const results = await store.listItemResults(runId());
      assert.equal(results.length, rows);
      assert.equal(new Set(results.map((result) => result.itemKey)).size, rows);
      assert.deepEqual(
        readLines(out).map((line) => line.id),
        Array.from({ length: rows }, (_, index) => index + 1),
      );
      survivor.child.kill('SIGTERM');
      assert.equal(await survivor.exited, 0, survivor.output());
    } finally {
      await queue.close();
      await store.close();
    }
  });

  it('a worker started while PostgreSQL is down says STORE_UNAVAILABLE and starts once it is up', async () => {
    const storeUrl = await setup.postgres.createDatabase();
    await setup.postgres.stop();
    const worker = workers.start(storeUrl);
    await eventually(
      async () => (/STORE_UNAVAILABLE/.test(worker.output()) ? true : undefined),
      'the report',
    );
    await setup.postgres.restart();
    await eventually(
      async () => (/taking jobs from/.test(worker.output()) ? true : undefined),
      'the worker to start',
    );
    await stopWorkerGracefully(worker);
  });
});
