import type BetterSqlite3 from 'better-sqlite3';
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

/** The schema of the embedded store. Append new steps at the end (session tables come in later steps). */
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

/** The highest schema version recorded in the database (0 for a fresh one). */
export function currentSchemaVersion(db: BetterSqlite3.Database): number {
  const row = db.prepare('SELECT MAX(version) AS version FROM schema_version').get() as
    | { version: number | null }
    | undefined;
  return row?.version ?? 0;
}

/**
 * Brings the database up to the newest migration. All missing steps run in one IMMEDIATE transaction, so two
 * processes opening the same file cannot both migrate, and a failed step leaves the schema as it was.
 * Returns the schema version afterwards.
 */
export function applyMigrations(db: BetterSqlite3.Database, migrations: readonly Migration[]): number {
  assertMigrationsOrdered(migrations);
  db.exec(`
    CREATE TABLE IF NOT EXISTS schema_version (
      version INTEGER PRIMARY KEY,
      description TEXT NOT NULL,
      applied_at TEXT NOT NULL
    );
  `);
  const latest = migrations.length;
  const migrate = db.transaction(() => {
    const current = currentSchemaVersion(db);
    if (current > latest) {
      throw new AgentWorldError(
        'STORE_ERROR',
        `The store was written by a newer AgentWorld (schema version ${current}); this build knows versions up to ${latest}.`,
        { details: { schemaVersion: current, supportedVersion: latest } },
      );
    }
    const record = db.prepare(
      'INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)',
    );
    for (const migration of migrations.slice(current)) {
      db.exec(migration.sql);
      record.run(migration.version, migration.description, new Date().toISOString());
    }
    return currentSchemaVersion(db);
  });
  return migrate.immediate();
}
