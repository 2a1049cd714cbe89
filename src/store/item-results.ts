/**
 * Results of the items of a long run (one bench row, one rollout episode), kept by the store so that a run
 * split into jobs over many worker processes keeps exactly one result per item: the first write wins, a
 * re-delivered job finds its result and writes nothing.
 */

/** What kind of item a result belongs to. */
export type ItemKind = 'bench-infer' | 'bench-judge' | 'rollout-episode' | 'recording';

/** One stored result. `value` is the JSON the in-process run would have written for the item. */
export interface ItemResult {
  readonly runId: string;
  readonly itemKey: string;
  readonly kind: ItemKind;
  /** Position of the item in its run (the order results are written out in). */
  readonly position: number;
  readonly value: unknown;
  /** Who wrote it (e.g. `worker host:pid`). */
  readonly writtenBy: string;
  readonly createdAt: string;
}

export interface NewItemResult {
  readonly kind: ItemKind;
  readonly position: number;
  readonly value: unknown;
  readonly writtenBy: string;
}

export interface ItemResultOptions {
  readonly signal?: AbortSignal | undefined;
}

/** The store's table of item results (SQLite and PostgreSQL alike). */
export interface ItemResultStore {
  /** INSERT … ON CONFLICT DO NOTHING: true when this call stored it, false when the item already had a result. */
  putItemResult(
    runId: string,
    itemKey: string,
    result: NewItemResult,
    options?: ItemResultOptions,
  ): Promise<boolean>;
  getItemResult(runId: string, itemKey: string, options?: ItemResultOptions): Promise<ItemResult | undefined>;
  /** The run's results ordered by position, then key. */
  listItemResults(runId: string, options?: ItemResultOptions): Promise<ItemResult[]>;
  countItemResults(runId: string, options?: ItemResultOptions): Promise<number>;
}
