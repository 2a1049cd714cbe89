import pg from 'pg';
import { throwIfAborted } from '../../core/abort.js';
import type { SessionRecord, Turn } from '../../core/turn.js';
import {
  type CacheEntry,
  type CacheRow,
  cacheEntryFromRow,
  jsonText,
  type NewCacheEntry,
} from '../cache-entries.js';
import { type ItemResultRow, itemResultOf } from '../item-result-rows.js';
import type { ItemResult, ItemResultOptions, NewItemResult } from '../item-results.js';
import type { Migration } from '../migrations.js';
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
import { redactStoreLocation } from '../store-location.js';
import { ignoreConnectionError, PostgresConnection } from './postgres-connection.js';
import { isConnectionFailure, postgresError } from './postgres-errors.js';
import { applyPostgresMigrations, postgresSchemaVersion } from './postgres-migrate.js';
import { POSTGRES_MIGRATIONS } from './postgres-migrations.js';
import * as sessions from './postgres-sessions.js';

export interface OpenPostgresStoreOptions {
  readonly migrations?: readonly Migration[] | undefined;
  /** Most connections of the pool (default 10). */
  readonly maxConnections?: number | undefined;
  /** How long to wait for a connection before STORE_UNAVAILABLE, in milliseconds (default 5000). */
  readonly connectTimeoutMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Opens the PostgreSQL store at `url` (`postgres://user:password@host:port/database`): a connection pool, and
 * the missing migrations applied under an advisory lock. An unreachable server gives STORE_UNAVAILABLE.
 */
export async function openPostgresStore(
  url: string,
  options: OpenPostgresStoreOptions = {},
): Promise<PostgresStore> {
  const location = redactStoreLocation(url);
  throwIfAborted(options.signal);
  const pool = new pg.Pool({
    connectionString: url,
    max: Math.max(1, options.maxConnections ?? 10),
    connectionTimeoutMillis: Math.max(1, options.connectTimeoutMs ?? 5000),
    idleTimeoutMillis: 10_000,
    keepAlive: true,
    // A CLI run ends when its work does, without waiting for idle connections to time out.
    allowExitOnIdle: true,
  });
  // An idle connection that breaks (the server restarts) is dropped by the pool; the next call opens a new one.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.on('error', ignoreConnectionError);
    let failure: unknown;
    try {
      const schemaVersion = await applyPostgresMigrations(client, options.migrations ?? POSTGRES_MIGRATIONS);
      return new PostgresStore(location, pool, schemaVersion);
    } catch (error) {
      failure = error;
      throw error;
    } finally {
      client.off('error', ignoreConnectionError);
      client.release(failure instanceof Error && isConnectionFailure(failure) ? failure : undefined);
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw postgresError('Could not open the store', location, error);
  }
}

/** The shared store: a pool of connections; every write is one transaction (or one atomic statement). */
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  private readonly connection: PostgresConnection;

  constructor(
    /** The URL with its password replaced by `***`. */
    readonly location: string,
    pool: pg.Pool,
    readonly schemaVersion: number,
  ) {
    this.connection = new PostgresConnection(location, pool);
  }

  get isClosed(): boolean {
    return this.connection.isClosed;
  }

  async getCacheEntry(key: string, options: StoreCallOptions = {}): Promise<CacheEntry | undefined> {
    const result = await this.connection.query<CacheRow>(
      `read cache entry ${key}`,
      options,
      'SELECT key, engine, model, value, created_at, hits FROM cache_entries WHERE key = $1',
      [key],
    );
    const row = result.rows[0];
    return row === undefined ? undefined : cacheEntryFromRow(row);
  }

  async putCacheEntry(key: string, entry: NewCacheEntry, options: StoreCallOptions = {}): Promise<boolean> {
    const json = this.connection.guard(`write cache entry ${key}`, () =>
      jsonText(entry.value, 'A cache value'),
    );
    const result = await this.connection.query(
      `write cache entry ${key}`,
      options,
      `INSERT INTO cache_entries (key, engine, model, value, created_at, hits) VALUES ($1, $2, $3, $4, $5, 0)
       ON CONFLICT (key) DO NOTHING`,
      [key, entry.engine, entry.model ?? null, json, entry.createdAt ?? new Date().toISOString()],
    );
    return result.rowCount === 1;
  }

  async recordCacheHit(key: string, options: StoreCallOptions = {}): Promise<void> {
    await this.connection.query(
      `count a cache hit of ${key}`,
      options,
      'UPDATE cache_entries SET hits = hits + 1 WHERE key = $1',
      [key],
    );
  }

  async countCacheEntries(options: StoreCallOptions = {}): Promise<number> {
    return this.connection.count(
      'count cache entries',
      options,
      'SELECT COUNT(*) AS count FROM cache_entries',
      [],
    );
  }

  async createSession(
    record: SessionRecord,
    ownerHash: string,
    options: CreateSessionOptions = {},
  ): Promise<CreateSessionOutcome> {
    return sessions.createSession(this.connection, record, ownerHash, options);
  }

  async appendTurn(
    sessionId: string,
    turn: Turn,
    at: number = Date.now(),
    options: StoreCallOptions = {},
  ): Promise<void> {
    await sessions.appendTurn(this.connection, sessionId, turn, at, options);
  }

  async markSessionClosed(
    sessionId: string,
    at: number = Date.now(),
    options: StoreCallOptions = {},
  ): Promise<boolean> {
    return sessions.markSessionClosed(this.connection, sessionId, at, options);
  }

  async loadSession(sessionId: string, options: StoreCallOptions = {}): Promise<StoredSession | undefined> {
    return sessions.loadSession(this.connection, sessionId, options);
  }

  async listSessionsByOwner(
    ownerHash: string,
    options: StoreCallOptions & { readonly includeClosed?: boolean | undefined } = {},
  ): Promise<SessionSummary[]> {
    return sessions.listSessionsByOwner(this.connection, ownerHash, options);
  }

  async countOpenSessionsByOwner(ownerHash: string, options: StoreCallOptions = {}): Promise<number> {
    return sessions.countOpenSessionsByOwner(this.connection, ownerHash, options);
  }

  async sessionProgress(
    sessionId: string,
    options: StoreCallOptions = {},
  ): Promise<SessionProgress | undefined> {
    return sessions.sessionProgress(this.connection, sessionId, options);
  }

  async countOpenSessions(options: StoreCallOptions = {}): Promise<number> {
    return sessions.countOpenSessions(this.connection, options);
  }

  async openSessionsIdleSince(before: string, options: StoreCallOptions = {}): Promise<string[]> {
    return sessions.openSessionsIdleSince(this.connection, before, options);
  }

  async deleteSession(sessionId: string, options: StoreCallOptions = {}): Promise<boolean> {
    return sessions.deleteSession(this.connection, sessionId, options);
  }

  async putItemResult(
    runId: string,
    itemKey: string,
    result: NewItemResult,
    options: ItemResultOptions = {},
  ): Promise<boolean> {
    const what = `store the result of item ${itemKey} of run ${runId}`;
    const value = this.connection.guard(what, () => jsonText(result.value, 'An item result'));
    const inserted = await this.connection.query(
      what,
      options,
      `INSERT INTO item_results (run_id, item_key, kind, position, value, written_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (run_id, item_key) DO NOTHING`,
      [runId, itemKey, result.kind, result.position, value, result.writtenBy, new Date().toISOString()],
    );
    return inserted.rowCount === 1;
  }

  async getItemResult(
    runId: string,
    itemKey: string,
    options: ItemResultOptions = {},
  ): Promise<ItemResult | undefined> {
    const result = await this.connection.query<ItemResultRow>(
      `read the result of item ${itemKey} of run ${runId}`,
      options,
      'SELECT * FROM item_results WHERE run_id = $1 AND item_key = $2',
      [runId, itemKey],
    );
    const row = result.rows[0];
    return row === undefined ? undefined : itemResultOf(row);
  }

  async listItemResults(runId: string, options: ItemResultOptions = {}): Promise<ItemResult[]> {
    const result = await this.connection.query<ItemResultRow>(
      `list the results of run ${runId}`,
      options,
      'SELECT * FROM item_results WHERE run_id = $1 ORDER BY position, item_key',
      [runId],
    );
    return result.rows.map(itemResultOf);
  }

  async countItemResults(runId: string, options: ItemResultOptions = {}): Promise<number> {
    return this.connection.count(
      `count the results of run ${runId}`,
      options,
      'SELECT COUNT(*) AS count FROM item_results WHERE run_id = $1',
      [runId],
    );
  }

  async acquireSessionLease(
    sessionId: string,
    holder: string,
    ttlMs: number,
    now: number,
    options: StoreCallOptions = {},
  ): Promise<boolean> {
    return sessions.acquireSessionLease(this.connection, sessionId, holder, ttlMs, now, options);
  }

  async releaseSessionLease(
    sessionId: string,
    holder: string,
    options: StoreCallOptions = {},
  ): Promise<boolean> {
    return sessions.releaseSessionLease(this.connection, sessionId, holder, options);
  }

  async ping(options: StoreCallOptions = {}): Promise<StoreHealth> {
    const started = performance.now();
    try {
      this.connection.assertOpen();
      throwIfAborted(options.signal);
      const schemaVersion = await postgresSchemaVersion(this.connection.pool);
      return { kind: this.kind, ok: true, latencyMs: performance.now() - started, schemaVersion };
    } catch (error) {
      const failure = postgresError('Could not reach the store', this.location, error);
      return {
        kind: this.kind,
        ok: false,
        latencyMs: performance.now() - started,
        schemaVersion: undefined,
        error: failure.message,
      };
    }
  }

  async close(): Promise<void> {
    await this.connection.close();
  }
}
