/**
 * One queued run, timed and checked: `bench infer --queue` rows or `rollout --queue` episodes (the library calls
 * behind the CLI flags) enqueued on Redis for the worker processes, followed until every item has its result in
 * PostgreSQL. Time = from the moment the run is enqueued to the last stored result (the results' timestamps), so
 * polling and writing --out do not count. Every item must have exactly one result and succeed.
 */
import { join } from 'node:path';
import { type RunQueue, runQueuedInfer, runQueuedRollout } from '../../src/queue/index.js';
import type { Store } from '../../src/store/index.js';
import { loadTasks } from '../../src/tasks/load-task.js';
import { writeBenchRows } from './bench-rows.js';
import { writeRolloutTask } from './rollout-task.js';

export interface QueueTargets {
  readonly queue: RunQueue;
  readonly store: Store;
  /** The world model (terminal screens) and the Terminus-2 policy, OpenAI-compatible. */
  readonly worldUrl: string;
  readonly policyUrl: string;
  /** A folder for the rows, task and --out files. */
  readonly directory: string;
}

export interface TimedRun {
  readonly items: number;
  /** Jobs the workers ran for it (one per row; one per rollout group of one episode). */
  readonly jobs: number;
  readonly seconds: number;
  /** Results stored by each worker, by its `writtenBy`. */
  readonly perWorker: ReadonlyMap<string, number>;
}

let runs = 0;

async function timeResults(
  store: Store,
  runId: string,
  items: number,
  enqueuedAt: number,
): Promise<{ seconds: number; perWorker: Map<string, number> }> {
  const results = await store.listItemResults(runId);
  const keys = new Set(results.map((result) => result.itemKey));
  if (results.length !== items || keys.size !== items) {
    throw new Error(
      `run ${runId}: ${results.length} results for ${keys.size} keys, expected ${items} exactly once`,
    );
  }
  const last = Math.max(...results.map((result) => Date.parse(result.createdAt)));
  const perWorker = new Map<string, number>();
  for (const result of results) perWorker.set(result.writtenBy, (perWorker.get(result.writtenBy) ?? 0) + 1);
  return { seconds: (last - enqueuedAt) / 1000, perWorker };
}

/** `count` bench rows answered by the world model through the queue. */
export async function timedInferRun(targets: QueueTargets, count: number): Promise<TimedRun> {
  runs += 1;
  const data = writeBenchRows(join(targets.directory, `rows-${runs}.jsonl`), count);
  let enqueuedAt = 0;
  const summary = await runQueuedInfer({
    queue: targets.queue,
    store: targets.store,
    data: [data],
    out: join(targets.directory, `infer-${runs}.jsonl`),
    engine: {
      engine: 'lwm',
      baseUrl: targets.worldUrl,
      model: 'bench-world',
      maxTokens: 512,
      tokenField: 'max_tokens',
      logprobs: false,
      timeoutMs: 60_000,
    },
    model: { engine: 'lwm', name: 'bench-world', parameters: {} },
    select: {},
    retry: { maxRetries: 0, timeoutMs: 60_000, retryBaseMs: 10, retryMaxMs: 10, retryAfterMaxMs: 10 },
    agentworldVersion: 'bench-scale',
    pollMs: 50,
    onRunId: () => {
      enqueuedAt = Date.now();
    },
  });
  if (summary.done !== count || summary.failed !== 0 || summary.failedJobs.length > 0) {
    throw new Error(
      `bench infer run: ${summary.done} of ${count} rows done, ${summary.failed} failed, ${summary.failedJobs.length} jobs failed`,
    );
  }
  return {
    items: count,
    jobs: count,
    ...(await timeResults(targets.store, summary.runId, count, enqueuedAt)),
  };
}

/** `count` rollout episodes (groups of one) through the queue, every one scored `success`. */
export async function timedRolloutRun(targets: QueueTargets, count: number): Promise<TimedRun> {
  runs += 1;
  const tasks = await loadTasks(writeRolloutTask(targets.directory));
  let enqueuedAt = 0;
  const report = await runQueuedRollout({
    queue: targets.queue,
    store: targets.store,
    tasks,
    outPath: join(targets.directory, `rollout-${runs}.jsonl`),
    episodesPerTask: count,
    groupSize: 1,
    seed: runs,
    settings: {
      engine: { engine: 'lwm', modelUrl: targets.worldUrl, model: 'bench-world' },
      policy: { kind: 'chat', baseUrl: targets.policyUrl, model: 'bench-policy' },
      maxInfraRetries: 0,
      budgets: {},
    },
    progress: false,
    pollMs: 50,
    onRunId: () => {
      enqueuedAt = Date.now();
    },
  });
  if (report.ran !== count || report.counts.success !== count || report.failedJobs.length > 0) {
    throw new Error(
      `rollout run: ${report.ran} of ${count} episodes ran, counts ${JSON.stringify(report.counts)}, ${report.failedJobs.length} jobs failed`,
    );
  }
  return {
    items: count,
    jobs: count,
    ...(await timeResults(targets.store, report.runId, count, enqueuedAt)),
  };
}
