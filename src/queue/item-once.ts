/**
 * Exactly one result per item: a job first looks for its item's result (a re-delivered job finds it and does
 * nothing), computes it otherwise, and stores it insert-or-ignore (of two workers racing on one item, the first
 * write wins and both agree on it).
 */
import type { CallOptions } from '../core/abort.js';
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
