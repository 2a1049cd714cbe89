import pg from 'pg';
import { throwIfAborted } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';
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
import {
  type SessionRow,
  type SummaryRow,
  sessionRowOf,
  sessionValues,
  storedSessionOf,
  summaryOf,
} from '../session-rows.js';
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
import { isConnectionFailure, postgresError } from './postgres-errors.js';
import { applyPostgresMigrations, postgresSchemaVersion } from './postgres-migrate.js';
import { POSTGRES_MIGRATIONS } from './postgres-migrations.js';

export interface OpenPostgresStoreOptions {
  readonly migrations?: readonly Migration[] | undefined;
  /** Most connections of the pool (default 10). */
  readonly maxConnections?: number | undefined;
  /** How long to wait for a connection before STORE_UNAVAILABLE, in milliseconds (default 5000). */
  readonly connectTimeoutMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

/** The advisory lock class under which creates of one owner's sessions are serialised (capacity check). */
const OWNER_LOCK_CLASS = 0x41_57_4f;

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

type Value = string | number | null;

/** Listener for a checked-out connection's error event: the statement in progress (or the next one) fails too. */
function ignoreConnectionError(): void {}

/** The shared store: a pool of connections; every write is one transaction (or one atomic statement). */
export class PostgresStore implements Store {
  readonly kind = 'postgres' as const;
  private closed = false;

  constructor(
    /** The URL with its password replaced by `***`. */
    readonly location: string,
    private readonly pool: pg.Pool,
    readonly schemaVersion: number,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  async getCacheEntry(key: string, options: StoreCallOptions = {}): Promise<CacheEntry | undefined> {
    const result = await this.query<CacheRow>(
      `read cache entry ${key}`,
      options,
      'SELECT key, engine, model, value, created_at, hits FROM cache_entries WHERE key = $1',
      [key],
    );
    const row = result.rows[0];
    return row === undefined ? undefined : cacheEntryFromRow(row);
  }

  async putCacheEntry(key: string, entry: NewCacheEntry, options: StoreCallOptions = {}): Promise<boolean> {
    const json = this.guard(`write cache entry ${key}`, () => jsonText(entry.value, 'A cache value'));
    const result = await this.query(
      `write cache entry ${key}`,
      options,
      `INSERT INTO cache_entries (key, engine, model, value, created_at, hits) VALUES ($1, $2, $3, $4, $5, 0)
       ON CONFLICT (key) DO NOTHING`,
      [key, entry.engine, entry.model ?? null, json, entry.createdAt ?? new Date().toISOString()],
    );
    return result.rowCount === 1;
  }

  async recordCacheHit(key: string, options: StoreCallOptions = {}): Promise<void> {
    await this.query(
      `count a cache hit of ${key}`,
      options,
      'UPDATE cache_entries SET hits = hits + 1 WHERE key = $1',
      [key],
    );
  }

  async countCacheEntries(options: StoreCallOptions = {}): Promise<number> {
    return this.count('count cache entries', options, 'SELECT COUNT(*) AS count FROM cache_entries', []);
  }

  async createSession(
    record: SessionRecord,
    ownerHash: string,
    options: CreateSessionOptions = {},
  ): Promise<CreateSessionOutcome> {
    return this.transaction(`store session ${record.id}`, options, async (client) => {
      if (options.maxOpenForOwner !== undefined) {
        // Creates of one owner wait for each other here, so the count below cannot be stale at the insert.
        await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [OWNER_LOCK_CLASS, ownerHash]);
      }
      const counted = await client.query<{ count: string }>(
        'SELECT COUNT(*) AS count FROM sessions WHERE owner_hash = $1 AND closed_at IS NULL',
        [ownerHash],
      );
      const openForOwner = Number(counted.rows[0]?.count ?? 0);
      if (options.maxOpenForOwner !== undefined && openForOwner >= options.maxOpenForOwner) {
        return { stored: false, openForOwner };
      }
      const row = sessionRowOf(record, ownerHash, options.at ?? Date.now());
      await client.query(
        `INSERT INTO sessions (id, owner_hash, spec, system_prompt, initial_observation, seed, created_at,
           updated_at, closed_at, parent_id, forked_at_turn, labels)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        sessionValues(row),
      );
      if (record.turns.length > 0) {
        const values: Value[] = [];
        const tuples = record.turns.map((turn, position) => {
          values.push(record.id, turn.index, JSON.stringify(turn));
          return `($${position * 3 + 1}, $${position * 3 + 2}, $${position * 3 + 3})`;
        });
        await client.query(
          `INSERT INTO session_turns (session_id, turn_index, turn) VALUES ${tuples.join(', ')}`,
          values,
        );
      }
      return { stored: true, openForOwner };
    });
  }

  async appendTurn(
    sessionId: string,
    turn: Turn,
    at: number = Date.now(),
    options: StoreCallOptions = {},
  ): Promise<void> {
    await this.transaction(`store turn ${turn.index} of session ${sessionId}`, options, async (client) => {
      const touched = await client.query('UPDATE sessions SET updated_at = $1 WHERE id = $2', [
        new Date(at).toISOString(),
        sessionId,
      ]);
      if (touched.rowCount === 0)
        throw new AgentWorldError('SESSION_NOT_FOUND', `No stored session ${sessionId}.`);
      await client.query('INSERT INTO session_turns (session_id, turn_index, turn) VALUES ($1, $2, $3)', [
        sessionId,
        turn.index,
        JSON.stringify(turn),
      ]);
    });
  }

  async markSessionClosed(
    sessionId: string,
    at: number = Date.now(),
    options: StoreCallOptions = {},
  ): Promise<boolean> {
    const result = await this.query(
      `close session ${sessionId}`,
      options,
      'UPDATE sessions SET closed_at = COALESCE(closed_at, $1) WHERE id = $2',
      [new Date(at).toISOString(), sessionId],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async loadSession(sessionId: string, options: StoreCallOptions = {}): Promise<StoredSession | undefined> {
    // One statement, so the row and its turns come from one snapshot.
    const result = await this.query<SessionRow & { turns: string[] }>(
      `load session ${sessionId}`,
      options,
      `SELECT s.*, ARRAY(SELECT t.turn FROM session_turns t WHERE t.session_id = s.id ORDER BY t.turn_index) AS turns
       FROM sessions s WHERE s.id = $1`,
      [sessionId],
    );
    const row = result.rows[0];
    if (row === undefined) return undefined;
    return this.guard(`load session ${sessionId}`, () => storedSessionOf(row, row.turns));
  }

  async listSessionsByOwner(
    ownerHash: string,
    options: StoreCallOptions & { readonly includeClosed?: boolean | undefined } = {},
  ): Promise<SessionSummary[]> {
    const result = await this.query<SummaryRow>(
      'list sessions',
      options,
      `SELECT s.id, s.spec, s.created_at, s.updated_at, s.closed_at, s.parent_id, s.labels,
         (SELECT COUNT(*) FROM session_turns t WHERE t.session_id = s.id) AS turns
       FROM sessions s WHERE s.owner_hash = $1 AND ($2 OR s.closed_at IS NULL)
       ORDER BY s.created_at DESC, s.id`,
      [ownerHash, options.includeClosed === true],
    );
    return result.rows.map(summaryOf);
  }

  async countOpenSessionsByOwner(ownerHash: string, options: StoreCallOptions = {}): Promise<number> {
    return this.count(
      'count sessions',
      options,
      'SELECT COUNT(*) AS count FROM sessions WHERE owner_hash = $1 AND closed_at IS NULL',
      [ownerHash],
    );
  }

  async sessionProgress(
    sessionId: string,
    options: StoreCallOptions = {},
  ): Promise<SessionProgress | undefined> {
    const result = await this.query<{ turns: string | number; closed_at: string | null }>(
      `read the progress of session ${sessionId}`,
      options,
      `SELECT (SELECT COUNT(*) FROM session_turns t WHERE t.session_id = s.id) AS turns, s.closed_at
       FROM sessions s WHERE s.id = $1`,
      [sessionId],
    );
    const row = result.rows[0];
    return row === undefined ? undefined : { turns: Number(row.turns), closed: row.closed_at !== null };
  }

  async countOpenSessions(options: StoreCallOptions = {}): Promise<number> {
    return this.count(
      'count sessions',
      options,
      'SELECT COUNT(*) AS count FROM sessions WHERE closed_at IS NULL',
      [],
    );
  }

  async openSessionsIdleSince(before: string, options: StoreCallOptions = {}): Promise<string[]> {
    const result = await this.query<{ id: string }>(
      'list idle sessions',
      options,
      'SELECT id FROM sessions WHERE closed_at IS NULL AND updated_at < $1 ORDER BY updated_at',
      [before],
    );
    return result.rows.map((row) => row.id);
  }

  async deleteSession(sessionId: string, options: StoreCallOptions = {}): Promise<boolean> {
    return this.transaction(`delete session ${sessionId}`, options, async (client) => {
      await client.query('DELETE FROM session_turns WHERE session_id = $1', [sessionId]);
      await client.query('DELETE FROM session_leases WHERE session_id = $1', [sessionId]);
      const deleted = await client.query('DELETE FROM sessions WHERE id = $1', [sessionId]);
      return (deleted.rowCount ?? 0) > 0;
    });
  }

  async putItemResult(
    runId: string,
    itemKey: string,
    result: NewItemResult,
    options: ItemResultOptions = {},
  ): Promise<boolean> {
    const what = `store the result of item ${itemKey} of run ${runId}`;
    const value = this.guard(what, () => jsonText(result.value, 'An item result'));
    const inserted = await this.query(
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
    const result = await this.query<ItemResultRow>(
      `read the result of item ${itemKey} of run ${runId}`,
      options,
      'SELECT * FROM item_results WHERE run_id = $1 AND item_key = $2',
      [runId, itemKey],
    );
    const row = result.rows[0];
    return row === undefined ? undefined : itemResultOf(row);
  }

  async listItemResults(runId: string, options: ItemResultOptions = {}): Promise<ItemResult[]> {
    const result = await this.query<ItemResultRow>(
      `list the results of run ${runId}`,
      options,
      'SELECT * FROM item_results WHERE run_id = $1 ORDER BY position, item_key',
      [runId],
    );
    return result.rows.map(itemResultOf);
  }

  async countItemResults(runId: string, options: ItemResultOptions = {}): Promise<number> {
    return this.count(
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
    // One atomic statement: a free lease is inserted; a taken one is overwritten only when it has expired or is
    // the same holder's (renewal). Concurrent callers queue on the row, so exactly one gets it.
    const result = await this.query(
      `take the lease of session ${sessionId}`,
      options,
      `INSERT INTO session_leases (session_id, holder, expires_at) VALUES ($1, $2, $3)
       ON CONFLICT (session_id) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
       WHERE session_leases.expires_at <= $4 OR session_leases.holder = EXCLUDED.holder`,
      [sessionId, holder, Math.floor(now + Math.max(0, ttlMs)), Math.floor(now)],
    );
    return result.rowCount === 1;
  }

  async releaseSessionLease(
    sessionId: string,
    holder: string,
    options: StoreCallOptions = {},
  ): Promise<boolean> {
    const result = await this.query(
      `release the lease of session ${sessionId}`,
      options,
      'DELETE FROM session_leases WHERE session_id = $1 AND holder = $2',
      [sessionId, holder],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async ping(options: StoreCallOptions = {}): Promise<StoreHealth> {
    const started = performance.now();
    try {
      this.assertOpen();
      throwIfAborted(options.signal);
      const schemaVersion = await postgresSchemaVersion(this.pool);
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
    if (this.closed) return;
    this.closed = true;
    await this.pool.end().catch(() => undefined);
  }

  private async query<Row extends pg.QueryResultRow = pg.QueryResultRow>(
    what: string,
    options: StoreCallOptions,
    text: string,
    values: ReadonlyArray<Value | boolean>,
  ): Promise<pg.QueryResult<Row>> {
    this.assertOpen();
    throwIfAborted(options.signal);
    try {
      // pool.query hands a client whose connection failed back with the error, so the pool drops it.
      return await this.pool.query<Row>(text, [...values]);
    } catch (error) {
      throw postgresError(`Could not ${what}`, this.location, error);
    }
  }

  private async count(
    what: string,
    options: StoreCallOptions,
    text: string,
    values: ReadonlyArray<Value>,
  ): Promise<number> {
    const result = await this.query<{ count: string | number }>(what, options, text, values);
    return Number(result.rows[0]?.count ?? 0);
  }

  /** Runs `work` in one transaction on one connection; any failure rolls it back, so nothing is half-written. */
  private async transaction<T>(
    what: string,
    options: StoreCallOptions,
    work: (client: pg.PoolClient) => Promise<T>,
  ): Promise<T> {
    this.assertOpen();
    throwIfAborted(options.signal);
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw postgresError(`Could not ${what}`, this.location, error);
    }
    // A connection that breaks between two statements reports it as an event; the next statement fails too.
    client.on('error', ignoreConnectionError);
    let failure: unknown;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      failure = error;
      if (!isConnectionFailure(error)) await client.query('ROLLBACK').catch(() => undefined);
      throw postgresError(`Could not ${what}`, this.location, error);
    } finally {
      client.off('error', ignoreConnectionError);
      // A connection that failed is destroyed instead of going back to the pool (the server may have restarted).
      client.release(failure instanceof Error && isConnectionFailure(failure) ? failure : undefined);
    }
  }

  private guard<T>(what: string, work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw postgresError(`Could not ${what}`, this.location, error);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new AgentWorldError('STORE_ERROR', `The store at ${this.location} is closed.`);
  }
}
