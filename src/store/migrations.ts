import { AgentWorldError } from '../core/errors.js';

/**
 * One forward-only schema step. Versions start at 1 and grow by one; a step is never edited once released —
 * a later change is a new step appended to the list.
 */
export interface Migration {
  readonly version: number;
  readonly description: string;
  /** One or more SQL statements, run together inside the migration transaction. */
  readonly sql: string;
}

/**
 * The schema of the SQLite store. Append new steps at the end, and the same version with the same description to
 * POSTGRES_MIGRATIONS (src/store/postgres/postgres-migrations.ts).
 */
export const STORE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'cache entries of the cache engine',
    sql: `
      CREATE TABLE cache_entries (
        key TEXT PRIMARY KEY,
        engine TEXT NOT NULL,
        model TEXT,
        value TEXT NOT NULL,
        created_at TEXT NOT NULL,
        hits INTEGER NOT NULL DEFAULT 0
      );
    `,
  },
  {
    version: 2,
    description: 'sessions of the HTTP env server and their turns',
    sql: `
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        owner_hash TEXT NOT NULL,
        spec TEXT NOT NULL,
        system_prompt TEXT NOT NULL,
        initial_observation TEXT NOT NULL,
        seed INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        closed_at TEXT,
        parent_id TEXT,
        forked_at_turn INTEGER,
        labels TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX sessions_by_owner ON sessions (owner_hash, closed_at);
      CREATE INDEX sessions_by_update ON sessions (closed_at, updated_at);
      CREATE TABLE session_turns (
        session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        turn_index INTEGER NOT NULL,
        turn TEXT NOT NULL,
        PRIMARY KEY (session_id, turn_index)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    description: 'results of the items of long runs (exactly one per item)',
    sql: `
      CREATE TABLE item_results (
        run_id TEXT NOT NULL,
        item_key TEXT NOT NULL,
        kind TEXT NOT NULL,
        position INTEGER NOT NULL,
        value TEXT NOT NULL,
        written_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (run_id, item_key)
      ) WITHOUT ROWID;
      CREATE INDEX item_results_by_position ON item_results (run_id, position, item_key);
    `,
  },
  {
    version: 4,
    description: 'session leases of stateless servers',
    sql: `
      CREATE TABLE session_leases (
        session_id TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      ) WITHOUT ROWID;
    `,
  },
];

/** Throws INTERNAL when a migration list is not numbered 1, 2, 3 … in order. */
export function assertMigrationsOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, position) => {
    if (migration.version !== position + 1) {
      throw new AgentWorldError(
        'INTERNAL',
        `Store migrations must be numbered 1, 2, 3 … in order; entry ${position} has version ${migration.version}.`,
      );
    }
  });
}

/** The STORE_ERROR of a database whose schema is newer than this build's newest migration. */
export function newerSchemaError(current: number, latest: number): AgentWorldError {
  return new AgentWorldError(
    'STORE_ERROR',
    `The store was written by a newer AgentWorld (schema version ${current}); this build knows versions up to ${latest}.`,
    { details: { schemaVersion: current, supportedVersion: latest } },
  );
}
