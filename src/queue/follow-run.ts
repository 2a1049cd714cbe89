/**
 * Follows a queued run until every item has a result in the store or its job failed for good: polls the store's
 * count (and lists the results when it moved) and the run's failed jobs. A store or Redis that is briefly away
 * (a restart) only delays it; the caller's signal stops the wait.
 */
import { type CallOptions, sleep } from '../core/abort.js';
import { isAgentWorldError } from '../core/errors.js';
import type { ItemResult, ItemResultStore } from '../store/item-results.js';
import type { FailedJob, RunQueue } from './run-queue.js';

export interface FollowProgress {
  /** Items with a result. */
  readonly done: number;
  /** Items whose job failed for good. */
  readonly failed: number;
  readonly total: number;
  /** Results read since the last report (each arrival only with `readArrivals`). */
  readonly arrived: readonly ItemResult[];
}

export interface FollowOptions extends CallOptions {
  readonly queue: RunQueue;
  readonly store: ItemResultStore;
  readonly runId: string;
  /** The items the run waits for. */
  readonly itemKeys: readonly string[];
  readonly onProgress?: ((progress: FollowProgress) => void) | undefined;
  /** Between polls (default 500 ms). */
  readonly pollMs?: number | undefined;
  /**
   * Read the results whenever their count moves, so `onProgress` hears each arrival (`arrived`); otherwise they
   * are read at the start and when the run may be complete (the count tells the progress in between).
   */
  readonly readArrivals?: boolean | undefined;
  /** A store that is unavailable is retried; this hears about it once per outage. */
  readonly log?: ((line: string) => void) | undefined;
}

export interface FollowResult {
  /** The items' results, by item key. */
  readonly results: ReadonlyMap<string, ItemResult>;
  /** Jobs that failed for good, for items without a result. */
  readonly failed: readonly FailedJob[];
}

export async function followRun(options: FollowOptions): Promise<FollowResult> {
  const wanted = new Set(options.itemKeys);
  const results = new Map<string, ItemResult>();
  /** Stored results of the run that are not wanted now (earlier rounds of items run again). */
  let others = 0;
  /** The count when the results were last read (-1: never). */
  let listedCount = -1;
  let storeDown = false;
  let lastReported = '';
  let arrived: ItemResult[] = [];
  const list = async (): Promise<void> => {
    let unwanted = 0;
    for (const result of await options.store.listItemResults(options.runId, options)) {
      if (!wanted.has(result.itemKey)) unwanted += 1;
      else if (!results.has(result.itemKey)) {
        results.set(result.itemKey, result);
        arrived.push(result);
      }
    }
    others = unwanted;
  };
  for (;;) {
    let failed: FailedJob[] = [];
    let done = results.size;
    try {
      const count = await options.store.countItemResults(options.runId, options);
      failed = (await options.queue.failedJobs(options.runId, options)).filter((job) =>
        job.itemKeys.some((key) => wanted.has(key) && !results.has(key)),
      );
      // The count tells how far the run is; the results themselves are read first, then only when the run may
      // be complete (or whenever the count moved, for a caller that shows each arrival), so a large run is not
      // read again at every poll.
      const estimate = Math.min(wanted.size, Math.max(results.size, count - others));
      const failedItems = failed.reduce((sum, job) => sum + job.itemKeys.length, 0);
      const mayBeComplete = estimate + failedItems >= wanted.size;
      if (listedCount < 0 || (count !== listedCount && (mayBeComplete || options.readArrivals === true))) {
        await list();
        listedCount = count;
      }
      done = Math.min(wanted.size, Math.max(results.size, count - others));
      storeDown = false;
    } catch (error) {
      if (!isAgentWorldError(error) || !error.retryable) throw error;
      if (!storeDown) options.log?.(`${error.code}: ${error.message} (waiting for it to come back)`);
      storeDown = true;
    }
    const failedItems = new Set(
      failed.flatMap((job) => job.itemKeys.filter((key) => wanted.has(key) && !results.has(key))),
    );
    const progress = { done, failed: failedItems.size, total: wanted.size, arrived };
    const report = `${progress.done}/${progress.failed}`;
    if (report !== lastReported) {
      lastReported = report;
      options.onProgress?.(progress);
      arrived = [];
    }
    if (results.size + failedItems.size >= wanted.size) return { results, failed };
    try {
      await sleep(options.pollMs ?? 500, options.signal);
    } catch (error) {
      options.log?.(
        `stopped waiting for run ${options.runId}: its jobs stay queued (the same command again follows the run; agentworld queue cancel ${options.runId} removes the waiting ones)`,
      );
      throw error;
    }
  }
}
