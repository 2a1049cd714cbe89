import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import Database from 'better-sqlite3';
import { AgentWorldError } from '../core/errors.js';
import { CacheEntriesTable, type CacheEntry, type NewCacheEntry } from './cache-entries.js';
import { applyMigrations, type Migration, STORE_MIGRATIONS } from './migrations.js';
import { storeError } from './store-error.js';

/** The cache engine's view of the store. */
export interface CacheStore {
  getCacheEntry(key: string): CacheEntry | undefined;
  /** INSERT OR IGNORE: returns false, and keeps the stored entry, when the key already has one. */
  putCacheEntry(key: string, entry: NewCacheEntry): boolean;
  /** Adds one to the entry's hit counter (no-op for an unknown key). */
  recordCacheHit(key: string): void;
  countCacheEntries(): number;
}

/** The embedded SQLite store. Its methods are synchronous (better-sqlite3); failures are STORE_ERRORs. */
export interface Store extends CacheStore {
  /** The file path, or `:memory:`. */
  readonly path: string;
  /** The schema version after opening (the number of migrations applied). */
  readonly schemaVersion: number;
  readonly isClosed: boolean;
  /** The underlying connection, for modules that add their own tables through migrations. */
  readonly database: BetterSqlite3.Database;
  /** Idempotent. Later calls to other methods fail with STORE_ERROR. */
  close(): void;
}

export interface OpenStoreOptions {
  /** How long a writer waits for another connection's lock, in milliseconds (default 5000). */
  readonly busyTimeoutMs?: number;
  /** The schema steps to apply; defaults to STORE_MIGRATIONS. Tests and later modules may extend the list. */
  readonly migrations?: readonly Migration[];
}

/**
 * Opens (creating it and its folder if needed) the SQLite store at `path`, or an in-memory one for
 * `':memory:'`. Sets WAL journaling, `synchronous=NORMAL` and a busy timeout, then applies missing migrations.
 */
export function openStore(path: string, options: OpenStoreOptions = {}): Store {
  const inMemory = path === ':memory:';
  let db: BetterSqlite3.Database | undefined;
  try {
    if (!inMemory) mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    if (!inMemory) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    const schemaVersion = applyMigrations(db, options.migrations ?? STORE_MIGRATIONS);
    return new SqliteStore(path, db, schemaVersion);
  } catch (error) {
    db?.close();
    if (error instanceof AgentWorldError) throw error;
    throw storeError(`Could not open the store at ${path}`, error, { path });
  }
}

class SqliteStore implements Store {
  readonly path: string;
  readonly schemaVersion: number;
  private readonly db: BetterSqlite3.Database;
  private readonly cacheEntries: CacheEntriesTable;
  private closed = false;

  constructor(path: string, db: BetterSqlite3.Database, schemaVersion: number) {
    this.path = path;
    this.db = db;
    this.schemaVersion = schemaVersion;
    this.cacheEntries = new CacheEntriesTable(db);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get database(): BetterSqlite3.Database {
    this.assertOpen();
    return this.db;
  }

  getCacheEntry(key: string): CacheEntry | undefined {
    return this.run('read cache entry', key, () => this.cacheEntries.get(key));
  }

  putCacheEntry(key: string, entry: NewCacheEntry): boolean {
    return this.run('write cache entry', key, () => this.cacheEntries.put(key, entry));
  }

  recordCacheHit(key: string): void {
    this.run('count a cache hit', key, () => this.cacheEntries.recordHit(key));
  }

  countCacheEntries(): number {
    return this.run('count cache entries', undefined, () => this.cacheEntries.count());
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.db.close();
    } catch (error) {
      throw storeError(`Could not close the store at ${this.path}`, error, { path: this.path });
    }
  }

  private run<T>(what: string, key: string | undefined, operation: () => T): T {
    this.assertOpen();
    try {
      return operation();
    } catch (error) {
      const where = key === undefined ? '' : ` ${key}`;
      throw storeError(`Could not ${what}${where} in ${this.path}`, error, {
        path: this.path,
        ...(key === undefined ? {} : { key }),
      });
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new AgentWorldError('STORE_ERROR', `The store at ${this.path} is closed.`);
  }
}
