/**
 * Exactly one result per item: a job first looks for its item's result (a re-delivered job finds it and does
 * nothing), computes it otherwise, and stores it insert-or-ignore (of two workers racing on one item, the first
 * write wins and both agree on it).
 */
import type { CallOptions } from '../core/abort.js';
import { AgentWorldError } from '../core/errors.js';
import type { ItemKind, ItemResultStore } from '../store/item-results.js';

export interface ItemTarget {
  readonly runId: string;
  readonly itemKey: string;
  readonly kind: ItemKind;
  readonly position: number;
}

/** What happened to an item: `stored` by this call, or `already` there. */
export type ItemOutcome = 'stored' | 'already';

export async function runItemOnce(
  store: ItemResultStore,
  target: ItemTarget,
  compute: () => Promise<unknown>,
  options: CallOptions & { readonly writtenBy: string },
): Promise<ItemOutcome> {
  const existing = await store.getItemResult(target.runId, target.itemKey, options);
  if (existing !== undefined) return 'already';
  const value = await compute();
  const stored = await store.putItemResult(
    target.runId,
    target.itemKey,
    { kind: target.kind, position: target.position, value, writtenBy: options.writtenBy },
    options,
  );
  return stored ? 'stored' : 'already';
}

/**
 * Throws a retryable error (the queue retries the job with backoff) for a result that records a retryable
 * failure while the job has attempts left; does nothing on the last attempt or for any other result.
 */
export function retryWhileAttemptsLeft(
  failure: { readonly code: string; readonly message: string } | undefined,
  retryable: boolean,
  lastAttempt: boolean,
): void {
  if (failure === undefined || !retryable || lastAttempt) return;
  throw new AgentWorldError('ENGINE_UNAVAILABLE', `${failure.code}: ${failure.message}`, {
    retryable: true,
    details: { code: failure.code },
  });
}
