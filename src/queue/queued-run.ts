/**
 * The sequence every queued run shares (`bench infer --queue`, `bench judge --queue`, `rollout --queue`): add the
 * run's jobs, follow it with a progress display until every item has a result or its job failed for good, then
 * append the results to the run's file in item order and name the jobs that failed.
 */
import { resolve } from 'node:path';
import type { ZodType } from 'zod';
import type { CallOptions } from '../core/abort.js';
import { AgentWorldError } from '../core/errors.js';
import { pinManifest } from '../fidelity/run/manifest.js';
import { ResultLog, type ResultLogFormat } from '../fidelity/run/result-log.js';
import type { RunManifest } from '../fidelity/schemas.js';
import type { ItemResultStore } from '../store/item-results.js';
import { type FollowProgress, type FollowResult, followRun } from './follow-run.js';
import { runIdOf } from './job-ids.js';
import type { FailedJob, JobToAdd, RunQueue } from './run-queue.js';

/** What a queued bench run (`bench infer --queue`, `bench judge --queue`) takes besides what it runs. */
export interface QueuedBenchOptions extends CallOptions {
  readonly queue: RunQueue;
  readonly store: ItemResultStore;
  readonly out: string;
  readonly progress?: boolean;
  readonly agentworldVersion: string;
  readonly log?: (line: string) => void;
  readonly now?: () => number;
  /** Hears the run's id as soon as it is known (before the jobs are added). */
  readonly onRunId?: (runId: string) => void;
  readonly pollMs?: number | undefined;
}

/** What a queued run's summary adds to the in-process one's. */
export interface QueuedRunOutcome {
  readonly runId: string;
  /** Jobs that failed for good (their items are not written; running the command again retries them). */
  readonly failedJobs: readonly FailedJob[];
}

/**
 * Opens a queued bench run's --out (resuming it), pins its manifest there and names the run: a hash of --out,
 * the manifest without its date, and `settings` (how its jobs run). The caller closes `resultLog`.
 */
export async function openQueuedOutput<Line>(
  stage: 'infer' | 'judge',
  format: ResultLogFormat<Line>,
  manifest: RunManifest,
  settings: Record<string, unknown>,
  options: QueuedBenchOptions & { readonly log: (line: string) => void },
): Promise<{ readonly resultLog: ResultLog<Line>; readonly runId: string }> {
  const resultLog = await ResultLog.open(options.out, format, options);
  try {
    for (const warning of resultLog.warnings) options.log(warning);
    await pinManifest(options.out, manifest, resultLog.committed.size > 0);
    const { createdAt: _createdAt, ...identity } = manifest;
    const runId = runIdOf(stage, { out: resolve(options.out), identity, ...settings });
    options.onRunId?.(runId);
    return { resultLog, runId };
  } catch (error) {
    await resultLog.close();
    throw error;
  }
}

/** What shows a followed run's progress: hears each poll, stopped when the run is over (or the wait failed). */
export interface QueuedRunProgress {
  readonly onProgress: (state: FollowProgress) => void;
  stop(): void;
}

export interface EnqueueAndFollowOptions extends CallOptions {
  readonly queue: RunQueue;
  readonly store: ItemResultStore;
  readonly runId: string;
  readonly jobs: readonly JobToAdd[];
  /** The items the run waits for. */
  readonly itemKeys: readonly string[];
  /** Logged once the jobs are added. */
  readonly queuedMessage: string;
  /** Starts the progress display, once the jobs are added. */
  readonly startProgress: () => Promise<QueuedRunProgress>;
  readonly readArrivals?: boolean | undefined;
  readonly log?: ((line: string) => void) | undefined;
  readonly pollMs?: number | undefined;
}

export async function enqueueAndFollow(options: EnqueueAndFollowOptions): Promise<FollowResult> {
  await options.queue.enqueue(options.runId, options.jobs, options);
  options.log?.(options.queuedMessage);
  const progress = await options.startProgress();
  try {
    return await followRun({
      queue: options.queue,
      store: options.store,
      runId: options.runId,
      itemKeys: options.itemKeys,
      onProgress: progress.onProgress,
      readArrivals: options.readArrivals,
      log: options.log,
      pollMs: options.pollMs,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  } finally {
    progress.stop();
  }
}

/** A stored result as the line it is (a result that is not one is a store or worker fault). */
export function storedLine<Line>(schema: ZodType<Line>, noun: string, value: unknown, itemKey: string): Line {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new AgentWorldError('STORE_ERROR', `The stored result of ${itemKey} is not ${noun}.`);
  return parsed.data;
}

/**
 * Appends the followed items' results in the order of `itemKeys` (items without a result are left out), read as
 * lines by `read`; returns how many were appended.
 */
export async function appendFollowedResults<Line>(
  followed: FollowResult,
  itemKeys: readonly string[],
  read: (value: unknown, itemKey: string) => Line,
  append: (line: Line) => Promise<void>,
): Promise<number> {
  let appended = 0;
  for (const itemKey of itemKeys) {
    const result = followed.results.get(itemKey);
    if (result === undefined) continue;
    await append(read(result.value, itemKey));
    appended += 1;
  }
  return appended;
}

export function logFailedJobs(failed: readonly FailedJob[], log: (line: string) => void): void {
  for (const job of failed) log(`job ${job.jobId} (${job.itemKeys.join(', ')}) failed: ${job.reason}`);
}
