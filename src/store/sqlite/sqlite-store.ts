import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import Database from 'better-sqlite3';
import { throwIfAborted } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';
import type { SessionRecord, Turn } from '../../core/turn.js';
import { type CacheEntry, cacheEntryFromRow, jsonText, type NewCacheEntry } from '../cache-entries.js';
import { itemResultOf } from '../item-result-rows.js';
import type { ItemResult, ItemResultOptions, NewItemResult } from '../item-results.js';
import { type Migration, STORE_MIGRATIONS } from '../migrations.js';
import { sessionRowOf, sessionValues, storedSessionOf, summaryOf } from '../session-rows.js';
import type {
  CreateSessionOptions,
  CreateSessionOutcome,
  SessionProgress,
  SessionSummary,
  Store,
  StoreCallOptions,
  StoredSession,
  StoreHealth,
} from '../store.js';
import { storeError } from '../store-error.js';
import { applyMigrations } from './sqlite-migrate.js';
import { prepareSqliteStatements, type SqliteStatements } from './sqlite-statements.js';

export interface OpenSqliteStoreOptions {
  /** How long a writer waits for another connection's lock, in milliseconds (default 5000). */
  readonly busyTimeoutMs?: number | undefined;
  /** The schema steps to apply; defaults to STORE_MIGRATIONS. Tests may extend the list. */
  readonly migrations?: readonly Migration[] | undefined;
}

/**
 * Opens (creating it and its folder if needed) the SQLite store at `path`, or an in-memory one for
 * `':memory:'`. Sets WAL journaling, `synchronous=NORMAL` and a busy timeout, then applies missing migrations.
 * Synchronous underneath (better-sqlite3): each call runs to completion before its promise settles.
 */
export function openSqliteStore(path: string, options: OpenSqliteStoreOptions = {}): SqliteStore {
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

/** The embedded store: one better-sqlite3 connection; every write is one transaction. */
export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  readonly location: string;
  readonly schemaVersion: number;
  private readonly db: BetterSqlite3.Database;
  private readonly statements: SqliteStatements;
  private closed = false;

  constructor(path: string, db: BetterSqlite3.Database, schemaVersion: number) {
    this.location = path;
    this.db = db;
    this.schemaVersion = schemaVersion;
    this.statements = prepareSqliteStatements(db);
  }

  /** The file path, or `:memory:`. */
  get path(): string {
    return this.location;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** The underlying connection, for tests that inspect rows. */
  get database(): BetterSqlite3.Database {
    this.assertOpen();
    return this.db;
  }

  async getCacheEntry(key: string, options: StoreCallOptions = {}): Promise<CacheEntry | undefined> {
    return this.run(`read cache entry ${key}`, options, () => {
      const row = this.statements.selectCacheEntry.get(key);
      return row === undefined ? undefined : cacheEntryFromRow(row);
    });
  }

  async putCacheEntry(key: string, entry: NewCacheEntry, options: StoreCallOptions = {}): Promise<boolean> {
    return this.run(`write cache entry ${key}`, options, () => {
      const json = jsonText(entry.value, 'A cache value');
      const createdAt = entry.createdAt ?? new Date().toISOString();
      const insert = this.statements.insertCacheEntry;
      return insert.run(key, entry.engine, entry.model ?? null, json, createdAt).changes > 0;
    });
  }

  async recordCacheHit(key: string, options: StoreCallOptions = {}): Promise<void> {
    this.run(`count a cache hit of ${key}`, options, () => {
      this.statements.incrementCacheHits.run(key);
    });
  }

  async countCacheEntries(options: StoreCallOptions = {}): Promise<number> {
    return this.run(
      'count cache entries',
      options,
      () => this.statements.countCacheEntries.get()?.count ?? 0,
    );
  }

  async createSession(
    record: SessionRecord,
    ownerHash: string,
    options: CreateSessionOptions = {},
  ): Promise<CreateSessionOutcome> {
    return this.run(`store session ${record.id}`, options, () => {
      const create = this.db.transaction((): CreateSessionOutcome => {
        const openForOwner = this.statements.countOpenByOwner.get(ownerHash)?.count ?? 0;
        if (options.maxOpenForOwner !== undefined && openForOwner >= options.maxOpenForOwner) {
          return { stored: false, openForOwner };
        }
        const row = sessionRowOf(record, ownerHash, options.at ?? Date.now());
        this.statements.insertSession.run(...sessionValues(row));
        for (const turn of record.turns) {
          this.statements.insertTurn.run(record.id, turn.index, JSON.stringify(turn));
        }
        return { stored: true, openForOwner };
      });
      return create.immediate();
    });
  }

  async appendTurn(
    sessionId: string,
    turn: Turn,
    at: number = Date.now(),
    options: StoreCallOptions = {},
  ): Promise<void> {
    this.run(`store turn ${turn.index} of session ${sessionId}`, options, () => {
      const append = this.db.transaction(() => {
        const changed = this.statements.touchSession.run(new Date(at).toISOString(), sessionId).changes;
        if (changed === 0) throw new AgentWorldError('SESSION_NOT_FOUND', `No stored session ${sessionId}.`);
        this.statements.insertTurn.run(sessionId, turn.index, JSON.stringify(turn));
      });
      append.immediate();
    });
  }

  async markSessionClosed(
    sessionId: string,
    at: number = Date.now(),
    options: StoreCallOptions = {},
  ): Promise<boolean> {
    return this.run(
      `close session ${sessionId}`,
      options,
      () => this.statements.closeSession.run(new Date(at).toISOString(), sessionId).changes > 0,
    );
  }

  async loadSession(sessionId: string, options: StoreCallOptions = {}): Promise<StoredSession | undefined> {
    return this.run(`load session ${sessionId}`, options, () => {
      const load = this.db.transaction(() => {
        const row = this.statements.selectSession.get(sessionId);
        if (row === undefined) return undefined;
        const turns = this.statements.selectTurns.all(sessionId).map((turn) => turn.turn);
        return storedSessionOf(row, turns);
      });
      return load.deferred();
    });
  }

  async listSessionsByOwner(
    ownerHash: string,
    options: StoreCallOptions & { readonly includeClosed?: boolean | undefined } = {},
  ): Promise<SessionSummary[]> {
    return this.run('list sessions', options, () =>
      this.statements.selectByOwner.all(ownerHash, options.includeClosed === true ? 1 : 0).map(summaryOf),
    );
  }

  async countOpenSessionsByOwner(ownerHash: string, options: StoreCallOptions = {}): Promise<number> {
    return this.run(
      'count sessions',
      options,
      () => this.statements.countOpenByOwner.get(ownerHash)?.count ?? 0,
    );
  }

  async sessionProgress(
    sessionId: string,
    options: StoreCallOptions = {},
  ): Promise<SessionProgress | undefined> {
    return this.run(`read the progress of session ${sessionId}`, options, () => {
      const row = this.statements.selectProgress.get(sessionId);
      return row === undefined ? undefined : { turns: row.turns, closed: row.closed_at !== null };
    });
  }

  async countOpenSessions(options: StoreCallOptions = {}): Promise<number> {
    return this.run('count sessions', options, () => this.statements.countOpen.get()?.count ?? 0);
  }

  async openSessionsIdleSince(before: string, options: StoreCallOptions = {}): Promise<string[]> {
    return this.run('list idle sessions', options, () =>
      this.statements.selectIdle.all(before).map((row) => row.id),
    );
  }

  async deleteSession(sessionId: string, options: StoreCallOptions = {}): Promise<boolean> {
    return this.run(`delete session ${sessionId}`, options, () => {
      const remove = this.db.transaction(() => {
        this.statements.deleteTurns.run(sessionId);
        this.statements.deleteLease.run(sessionId);
        return this.statements.deleteSession.run(sessionId).changes > 0;
      });
      return remove.immediate();
    });
  }

  async putItemResult(
    runId: string,
    itemKey: string,
    result: NewItemResult,
    options: ItemResultOptions = {},
  ): Promise<boolean> {
    return this.run(`store the result of item ${itemKey} of run ${runId}`, options, () => {
      const value = jsonText(result.value, 'An item result');
      const insert = this.statements.insertItemResult;
      const createdAt = new Date().toISOString();
      return (
        insert.run(runId, itemKey, result.kind, result.position, value, result.writtenBy, createdAt).changes >
        0
      );
    });
  }

  async getItemResult(
    runId: string,
    itemKey: string,
    options: ItemResultOptions = {},
  ): Promise<ItemResult | undefined> {
    return this.run(`read the result of item ${itemKey} of run ${runId}`, options, () => {
      const row = this.statements.selectItemResult.get(runId, itemKey);
      return row === undefined ? undefined : itemResultOf(row);
    });
  }

  async listItemResults(runId: string, options: ItemResultOptions = {}): Promise<ItemResult[]> {
    return this.run(`list the results of run ${runId}`, options, () =>
      this.statements.selectItemResults.all(runId).map(itemResultOf),
    );
  }

  async countItemResults(runId: string, options: ItemResultOptions = {}): Promise<number> {
    return this.run(
      `count the results of run ${runId}`,
      options,
      () => this.statements.countItemResults.get(runId)?.count ?? 0,
    );
  }

  async acquireSessionLease(
    sessionId: string,
    holder: string,
    ttlMs: number,
    now: number,
    options: StoreCallOptions = {},
  ): Promise<boolean> {
    return this.run(`take the lease of session ${sessionId}`, options, () => {
      const acquire = this.db.transaction(() => {
        const current = this.statements.selectLease.get(sessionId);
        if (current !== undefined && current.holder !== holder && current.expires_at > now) return false;
        this.statements.upsertLease.run(sessionId, holder, now + Math.max(0, ttlMs));
        return true;
      });
      return acquire.immediate();
    });
  }

  async releaseSessionLease(
    sessionId: string,
    holder: string,
    options: StoreCallOptions = {},
  ): Promise<boolean> {
    return this.run(
      `release the lease of session ${sessionId}`,
      options,
      () => this.statements.releaseLease.run(sessionId, holder).changes > 0,
    );
  }

  async ping(options: StoreCallOptions = {}): Promise<StoreHealth> {
    const started = performance.now();
    try {
      const version = this.run('read the schema version', options, () => this.statements.schemaVersion.get());
      return {
        kind: this.kind,
        ok: true,
        latencyMs: performance.now() - started,
        schemaVersion: version?.version ?? 0,
      };
    } catch (error) {
      return {
        kind: this.kind,
        ok: false,
        latencyMs: performance.now() - started,
        schemaVersion: undefined,
        error: error instanceof Error ? error.message : String(error),
      };
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      this.db.close();
    } catch (error) {
      throw storeError(`Could not close the store at ${this.location}`, error, { path: this.location });
    }
  }

  private run<T>(what: string, options: StoreCallOptions, operation: () => T): T {
    this.assertOpen();
    throwIfAborted(options.signal);
    try {
      return operation();
    } catch (error) {
      throw storeError(`Could not ${what} in ${this.location}`, error, { path: this.location });
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new AgentWorldError('STORE_ERROR', `The store at ${this.location} is closed.`);
  }
}
