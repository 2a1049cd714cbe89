/**
 * Part 1: queue throughput. For each worker count N, N `agentworld worker --concurrency 1` processes share one
 * Redis (BullMQ) and one PostgreSQL; after a warm-up run (2N rows, N episodes: each worker loads its engine and
 * compiles its hot paths), N × rowsPerWorker bench rows and N × episodesPerWorker rollout episodes are run and
 * timed. The workers are then stopped and their own counts checked: every job done once, none found already done,
 * none failed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunQueue } from '../../src/queue/index.js';
import { openStore } from '../../src/store/index.js';
import { startChild } from './children.js';
import { throwIfInterrupted } from './cleanup.js';
import type { PostgresProcess } from './postgres-process.js';
import { totalCpuSeconds } from './process-cpu.js';
import { type QueueTargets, type TimedRun, timedInferRun, timedRolloutRun } from './queue-runs.js';
import { startRedis } from './redis-process.js';
import { startWorker, type WorkerCounts } from './worker-process.js';

export interface QueueSizes {
  readonly workerCounts: readonly number[];
  readonly rowsPerWorker: number;
  readonly episodesPerWorker: number;
  readonly modelLatencyMs: number;
}

export type QueueItemKind = 'infer rows' | 'rollout episodes';

export interface QueueMeasurement {
  readonly kind: QueueItemKind;
  readonly workers: number;
  readonly run: TimedRun;
  /** Items per second. */
  readonly rate: number;
  /** CPU cores the worker processes kept busy during the run (their CPU seconds ÷ its seconds), if known. */
  readonly workerCores: number | undefined;
}

export interface QueueStage {
  readonly workers: number;
  /** Jobs the stage enqueued (warm-up included) and what the workers' own counts say. */
  readonly jobs: number;
  readonly counts: WorkerCounts;
}

export interface QueueReport {
  readonly sizes: QueueSizes;
  readonly measurements: readonly QueueMeasurement[];
  readonly stages: readonly QueueStage[];
}

/** Runs `timed` while reading the workers' CPU time before and after. */
async function measured(
  kind: QueueItemKind,
  pids: readonly number[],
  timed: () => Promise<TimedRun>,
): Promise<QueueMeasurement> {
  const cpuBefore = totalCpuSeconds(pids);
  const run = await timed();
  const cpuAfter = totalCpuSeconds(pids);
  const workerCores =
    cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / run.seconds;
  return { kind, workers: pids.length, run, rate: run.items / run.seconds, workerCores };
}

export async function runQueueThroughput(
  sizes: QueueSizes,
  postgres: PostgresProcess,
  log: (line: string) => void,
): Promise<QueueReport> {
  const directory = mkdtempSync(join(tmpdir(), 'agentworld-scale-queue-'));
  const servers = await startChild('rollout/servers.ts', [String(sizes.modelLatencyMs)]);
  const urls = JSON.parse(servers.firstLine) as { policyUrl: string; worldUrl: string };
  const redis = await startRedis();
  log(`queue: redis-server pid ${redis.pid} at ${redis.url}`);
  const storeUrl = await postgres.createDatabase();
  const store = await openStore(storeUrl);
  const queue = await RunQueue.open(redis.url);
  const targets: QueueTargets = { queue, store, directory, ...urls };
  const measurements: QueueMeasurement[] = [];
  const stages: QueueStage[] = [];
  try {
    for (const workers of sizes.workerCounts) {
      throwIfInterrupted();
      log(`queue: starting ${workers} worker${workers === 1 ? '' : 's'} …`);
      const started = await Promise.all(
        Array.from({ length: workers }, () => startWorker(redis.url, storeUrl)),
      );
      log(`queue: worker pids ${started.map((worker) => worker.pid).join(', ')}`);
      let jobs = 0;
      try {
        log(`queue: ${workers} workers: warm-up`);
        jobs += (await timedInferRun(targets, 2 * workers)).jobs;
        jobs += (await timedRolloutRun(targets, workers)).jobs;
        const pids = started.map((worker) => worker.pid);
        log(`queue: ${workers} workers: ${workers * sizes.rowsPerWorker} infer rows`);
        const rows = await measured('infer rows', pids, () =>
          timedInferRun(targets, workers * sizes.rowsPerWorker),
        );
        jobs += rows.run.jobs;
        measurements.push(rows);
        log(`queue: ${workers} workers: ${workers * sizes.episodesPerWorker} rollout episodes`);
        const episodes = await measured('rollout episodes', pids, () =>
          timedRolloutRun(targets, workers * sizes.episodesPerWorker),
        );
        jobs += episodes.run.jobs;
        measurements.push(episodes);
      } finally {
        const counts = await Promise.all(started.map((worker) => worker.stop()));
        const total = counts.reduce(
          (sum, count) => ({
            done: sum.done + count.done,
            already: sum.already + count.already,
            failed: sum.failed + count.failed,
          }),
          { done: 0, already: 0, failed: 0 },
        );
        stages.push({ workers, jobs, counts: total });
      }
      const stage = stages[stages.length - 1] as QueueStage;
      if (stage.counts.done !== jobs || stage.counts.already !== 0 || stage.counts.failed !== 0) {
        throw new Error(
          `${workers} workers ran ${JSON.stringify(stage.counts)} for ${jobs} jobs: not every job exactly once`,
        );
      }
    }
  } finally {
    await queue.close();
    await store.close();
    await redis.stop();
    await servers.stop();
    rmSync(directory, { recursive: true, force: true });
  }
  return { sizes, measurements, stages };
}
