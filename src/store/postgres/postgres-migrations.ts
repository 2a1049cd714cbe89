import type { Migration } from '../migrations.js';

/**
 * The schema of the PostgreSQL store: the same versions with the same descriptions as STORE_MIGRATIONS (the
 * SQLite list), in PostgreSQL's dialect. Times are ISO text as in SQLite, and keys and times use the "C"
 * collation (byte order, as SQLite compares text), so both backends order and compare alike whatever the
 * database's locale.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'cache entries of the cache engine',
    sql: `
      CREATE TABLE cache_entries (
        key TEXT COLLATE "C" PRIMARY KEY,
        engine TEXT NOT NULL,
        model TEXT,
        value TEXT NOT NULL,
        created_at TEXT NOT NULL,
        hits BIGINT NOT NULL DEFAULT 0
      );
    `,
  },
  {
    version: 2,
    description: 'sessions of the HTTP env server and their turns',
    sql: `
      CREATE TABLE sessions (
        id TEXT COLLATE "C" PRIMARY KEY,
        owner_hash TEXT NOT NULL,
        spec TEXT NOT NULL,
        system_prompt TEXT NOT NULL,
        initial_observation TEXT NOT NULL,
        seed BIGINT NOT NULL,
        created_at TEXT COLLATE "C" NOT NULL,
        updated_at TEXT COLLATE "C" NOT NULL,
        closed_at TEXT COLLATE "C",
        parent_id TEXT,
        forked_at_turn INTEGER,
        labels TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX sessions_by_owner ON sessions (owner_hash, closed_at);
      CREATE INDEX sessions_by_update ON sessions (closed_at, updated_at);
      CREATE TABLE session_turns (
        session_id TEXT COLLATE "C" NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        turn_index INTEGER NOT NULL,
        turn TEXT NOT NULL,
        PRIMARY KEY (session_id, turn_index)
      );
    `,
  },
  {
    version: 3,
    description: 'results of the items of long runs (exactly one per item)',
    sql: `
      CREATE TABLE item_results (
        run_id TEXT COLLATE "C" NOT NULL,
        item_key TEXT COLLATE "C" NOT NULL,
        kind TEXT NOT NULL,
        position INTEGER NOT NULL,
        value TEXT NOT NULL,
        written_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (run_id, item_key)
      );
      CREATE INDEX item_results_by_position ON item_results (run_id, position, item_key);
    `,
  },
  {
    version: 4,
    description: 'session leases of stateless servers',
    sql: `
      CREATE TABLE session_leases (
        session_id TEXT COLLATE "C" PRIMARY KEY,
        holder TEXT NOT NULL,
        expires_at BIGINT NOT NULL
      );
    `,
  },
];
