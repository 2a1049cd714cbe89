/** What the cache engine writes for one key. `value` must be JSON-serialisable. */
export interface NewCacheEntry {
  /** The engine that produced the value (the wrapped engine's id). */
  readonly engine: string;
  readonly model?: string | undefined;
  readonly value: unknown;
  /** ISO time; defaults to now. */
  readonly createdAt?: string | undefined;
}

/** One stored cache entry, as read back. */
export interface CacheEntry {
  readonly key: string;
  readonly engine: string;
  readonly model?: string;
  readonly value: unknown;
  readonly createdAt: string;
  /** How many times the entry was served (see `recordCacheHit`). */
  readonly hits: number;
}

/** A cache table row as both backends return it (`hits` may come back as text from PostgreSQL). */
export interface CacheRow {
  key: string;
  engine: string;
  model: string | null;
  value: string;
  created_at: string;
  hits: number | string;
}

export function cacheEntryFromRow(row: CacheRow): CacheEntry {
  return {
    key: row.key,
    engine: row.engine,
    ...(row.model === null ? {} : { model: row.model }),
    value: JSON.parse(row.value) as unknown,
    createdAt: row.created_at,
    hits: Number(row.hits),
  };
}

/** The JSON text of a value to store; throws when the value has none (e.g. `undefined`). */
export function jsonText(value: unknown, what: string): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError(`${what} must be JSON-serialisable.`);
  return json;
}
