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
  /** Results that arrived since the last report. */
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
  let lastCount = -1;
  let storeDown = false;
  let lastReported = '';
  let arrived: ItemResult[] = [];
  for (;;) {
    let failed: FailedJob[] = [];
    try {
      const count = await options.store.countItemResults(options.runId, options);
      if (count !== lastCount) {
        for (const result of await options.store.listItemResults(options.runId, options)) {
          if (!wanted.has(result.itemKey) || results.has(result.itemKey)) continue;
          results.set(result.itemKey, result);
          arrived.push(result);
        }
        lastCount = count;
      }
      storeDown = false;
      failed = (await options.queue.failedJobs(options.runId, options)).filter((job) =>
        job.itemKeys.some((key) => wanted.has(key) && !results.has(key)),
      );
    } catch (error) {
      if (!isAgentWorldError(error) || !error.retryable) throw error;
      if (!storeDown) options.log?.(`${error.code}: ${error.message} (waiting for it to come back)`);
      storeDown = true;
    }
    const failedItems = new Set(
      failed.flatMap((job) => job.itemKeys.filter((key) => wanted.has(key) && !results.has(key))),
    );
    const progress = { done: results.size, failed: failedItems.size, total: wanted.size, arrived };
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
