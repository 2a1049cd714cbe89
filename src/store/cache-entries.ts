import type BetterSqlite3 from 'better-sqlite3';

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

interface CacheRow {
  key: string;
  engine: string;
  model: string | null;
  value: string;
  created_at: string;
  hits: number;
}

/** The prepared statements of the `cache_entries` table, created once per connection. */
export class CacheEntriesTable {
  private readonly selectOne: BetterSqlite3.Statement<[string], CacheRow>;
  private readonly insertIfAbsent: BetterSqlite3.Statement<[string, string, string | null, string, string]>;
  private readonly incrementHits: BetterSqlite3.Statement<[string]>;
  private readonly countAll: BetterSqlite3.Statement<[], { count: number }>;

  constructor(db: BetterSqlite3.Database) {
    this.selectOne = db.prepare<[string], CacheRow>(
      'SELECT key, engine, model, value, created_at, hits FROM cache_entries WHERE key = ?',
    );
    // First write wins: the cache replays what was recorded first, never a later answer.
    this.insertIfAbsent = db.prepare<[string, string, string | null, string, string]>(
      'INSERT OR IGNORE INTO cache_entries (key, engine, model, value, created_at, hits) VALUES (?, ?, ?, ?, ?, 0)',
    );
    this.incrementHits = db.prepare<[string]>('UPDATE cache_entries SET hits = hits + 1 WHERE key = ?');
    this.countAll = db.prepare<[], { count: number }>('SELECT COUNT(*) AS count FROM cache_entries');
  }

  get(key: string): CacheEntry | undefined {
    const row = this.selectOne.get(key);
    if (row === undefined) return undefined;
    return {
      key: row.key,
      engine: row.engine,
      ...(row.model === null ? {} : { model: row.model }),
      value: JSON.parse(row.value) as unknown,
      createdAt: row.created_at,
      hits: row.hits,
    };
  }

  /** Returns true when the entry was written, false when the key already had one (which is kept). */
  put(key: string, entry: NewCacheEntry): boolean {
    const json = JSON.stringify(entry.value);
    if (json === undefined) throw new TypeError('A cache value must be JSON-serialisable.');
    const createdAt = entry.createdAt ?? new Date().toISOString();
    return this.insertIfAbsent.run(key, entry.engine, entry.model ?? null, json, createdAt).changes > 0;
  }

  recordHit(key: string): void {
    this.incrementHits.run(key);
  }

  count(): number {
    return this.countAll.get()?.count ?? 0;
  }
}
