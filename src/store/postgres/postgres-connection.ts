import type pg from 'pg';
import { throwIfAborted } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';
import type { StoreCallOptions } from '../store.js';
import { isConnectionFailure, postgresError } from './postgres-errors.js';

/** A statement parameter. */
export type PostgresValue = string | number | null;

/** Listener for a checked-out connection's error event: the statement in progress (or the next one) fails too. */
export function ignoreConnectionError(): void {}

/**
 * The plumbing of the PostgreSQL store: its pool, whether it was closed, and statements and transactions whose
 * failures become STORE_ERROR or STORE_UNAVAILABLE naming the (redacted) location.
 */
export class PostgresConnection {
  private closed = false;

  constructor(
    /** The URL with its password replaced by `***`. */
    readonly location: string,
    readonly pool: pg.Pool,
  ) {}

  get isClosed(): boolean {
    return this.closed;
  }

  async query<Row extends pg.QueryResultRow = pg.QueryResultRow>(
    what: string,
    options: StoreCallOptions,
    text: string,
    values: ReadonlyArray<PostgresValue | boolean>,
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

  async count(
    what: string,
    options: StoreCallOptions,
    text: string,
    values: ReadonlyArray<PostgresValue>,
  ): Promise<number> {
    const result = await this.query<{ count: string | number }>(what, options, text, values);
    return Number(result.rows[0]?.count ?? 0);
  }

  /** Runs `work` in one transaction on one connection; any failure rolls it back, so nothing is half-written. */
  async transaction<T>(
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

  /** Runs synchronous `work` (encoding or decoding a row), its failure reported as one of `what`. */
  guard<T>(what: string, work: () => T): T {
    try {
      return work();
    } catch (error) {
      throw postgresError(`Could not ${what}`, this.location, error);
    }
  }

  assertOpen(): void {
    if (this.closed) throw new AgentWorldError('STORE_ERROR', `The store at ${this.location} is closed.`);
  }

  /** Closes the pool; calls after this fail with STORE_ERROR. Closing twice does nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end().catch(() => undefined);
  }
}
