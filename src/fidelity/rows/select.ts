import { AgentWorldError } from '../../core/errors.js';
import { sha256 } from '../../core/hash.js';

/** One of `n` disjoint parts of a selection (`--shard i/n`, `i` counted from 0). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Parses `i/n` (0 ≤ i < n). */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index >= count) {
    throw new AgentWorldError(
      'INVALID_REQUEST',
      `--shard ${text}: expected i/n with 0 ≤ i < n (e.g. 0/4 … 3/4).`,
    );
  }
  return { index, count };
}

/** The shard a key belongs to: a hash of the key, so it never depends on the order or number of rows. */
export function shardOf(key: string, count: number): number {
  return Number.parseInt(sha256(key).slice(0, 12), 16) % count;
}

export interface SelectOptions {
  /** Keep only these domains (after `something/domain` → `domain`). */
  readonly domains?: readonly string[] | undefined;
  /** Keep the first N rows after the domain filter, in file order. */
  readonly limit?: number | undefined;
  readonly shard?: Shard | undefined;
}

/** The rows a run answers: domain filter, then limit, then this shard's part (stable by key). */
export function selectRows<T extends { readonly key: string; readonly row: { readonly task: string } }>(
  rows: readonly T[],
  options: SelectOptions,
): T[] {
  const domains = options.domains === undefined ? undefined : new Set(options.domains);
  let selected = domains === undefined ? [...rows] : rows.filter((entry) => domains.has(entry.row.task));
  if (options.limit !== undefined) selected = selected.slice(0, options.limit);
  const shard = options.shard;
  if (shard !== undefined)
    selected = selected.filter((entry) => shardOf(entry.key, shard.count) === shard.index);
  return selected;
}
