import type { Migration } from './migrations.js';
import type { Store } from './store.js';
import { isPostgresLocation } from './store-location.js';

export interface OpenStoreOptions {
  /** SQLite: how long a writer waits for another connection's lock, in milliseconds (default 5000). */
  readonly busyTimeoutMs?: number | undefined;
  /**
   * The schema steps to apply; defaults to the backend's own list (STORE_MIGRATIONS for SQLite,
   * POSTGRES_MIGRATIONS for PostgreSQL). Tests may extend the list.
   */
  readonly migrations?: readonly Migration[] | undefined;
  /** PostgreSQL: most connections of the pool (default 10). */
  readonly maxConnections?: number | undefined;
  /** PostgreSQL: how long to wait for a connection before STORE_UNAVAILABLE, in milliseconds (default 5000). */
  readonly connectTimeoutMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Opens the store at `location`: a PostgreSQL database for a `postgres://` or `postgresql://` URL, else the
 * SQLite file at that path (created with its folder if needed) or an in-memory one for `:memory:`. Applies
 * missing migrations; a database written by a newer schema is refused with STORE_ERROR, an unreachable
 * PostgreSQL gives STORE_UNAVAILABLE.
 */
export async function openStore(location: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (isPostgresLocation(location)) {
    const { openPostgresStore } = await import('./postgres/postgres-store.js');
    return openPostgresStore(location.trim(), options);
  }
  const { openSqliteStore } = await import('./sqlite/sqlite-store.js');
  return openSqliteStore(location, options);
}
