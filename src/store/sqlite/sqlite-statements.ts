import type BetterSqlite3 from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';
import type { CacheRow } from '../cache-entries.js';
import type { ItemResultRow } from '../item-result-rows.js';
import type { SessionRow, SummaryRow } from '../session-rows.js';

type Value = string | number | null;

/** The prepared statements of the SQLite store, created once per connection. */
export function prepareSqliteStatements(db: BetterSqlite3.Database): SqliteStatements {
  return {
    selectCacheEntry: db.prepare<[string], CacheRow>(
      'SELECT key, engine, model, value, created_at, hits FROM cache_entries WHERE key = ?',
    ),
    // First write wins: the cache replays what was recorded first, never a later answer.
    insertCacheEntry: db.prepare<[string, string, string | null, string, string]>(
      'INSERT OR IGNORE INTO cache_entries (key, engine, model, value, created_at, hits) VALUES (?, ?, ?, ?, ?, 0)',
    ),
    incrementCacheHits: db.prepare<[string]>('UPDATE cache_entries SET hits = hits + 1 WHERE key = ?'),
    countCacheEntries: db.prepare<[], { count: number }>('SELECT COUNT(*) AS count FROM cache_entries'),

    insertSession: db.prepare<Value[]>(
      `INSERT INTO sessions (id, owner_hash, spec, system_prompt, initial_observation, seed, created_at,
         updated_at, closed_at, parent_id, forked_at_turn, labels)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertTurn: db.prepare<[string, number, string]>(
      'INSERT INTO session_turns (session_id, turn_index, turn) VALUES (?, ?, ?)',
    ),
    touchSession: db.prepare<[string, string]>('UPDATE sessions SET updated_at = ? WHERE id = ?'),
    closeSession: db.prepare<[string, string]>(
      'UPDATE sessions SET closed_at = COALESCE(closed_at, ?) WHERE id = ?',
    ),
    selectSession: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?'),
    selectProgress: db.prepare<[string], { turns: number; closed_at: string | null }>(
      `SELECT (SELECT COUNT(*) FROM session_turns t WHERE t.session_id = s.id) AS turns, s.closed_at
       FROM sessions s WHERE s.id = ?`,
    ),
    selectTurns: db.prepare<[string], { turn: string }>(
      'SELECT turn FROM session_turns WHERE session_id = ? ORDER BY turn_index',
    ),
    selectByOwner: db.prepare<[string, number], SummaryRow>(
      `SELECT s.id, s.spec, s.created_at, s.updated_at, s.closed_at, s.parent_id, s.labels,
         (SELECT COUNT(*) FROM session_turns t WHERE t.session_id = s.id) AS turns
       FROM sessions s WHERE s.owner_hash = ? AND (? = 1 OR s.closed_at IS NULL)
       ORDER BY s.created_at DESC, s.id`,
    ),
    countOpenByOwner: db.prepare<[string], { count: number }>(
      'SELECT COUNT(*) AS count FROM sessions WHERE owner_hash = ? AND closed_at IS NULL',
    ),
    countOpen: db.prepare<[], { count: number }>(
      'SELECT COUNT(*) AS count FROM sessions WHERE closed_at IS NULL',
    ),
    selectIdle: db.prepare<[string], { id: string }>(
      'SELECT id FROM sessions WHERE closed_at IS NULL AND updated_at < ? ORDER BY updated_at',
    ),
    deleteTurns: db.prepare<[string]>('DELETE FROM session_turns WHERE session_id = ?'),
    deleteLease: db.prepare<[string]>('DELETE FROM session_leases WHERE session_id = ?'),
    deleteSession: db.prepare<[string]>('DELETE FROM sessions WHERE id = ?'),

    insertItemResult: db.prepare<[string, string, string, number, string, string, string]>(
      `INSERT OR IGNORE INTO item_results (run_id, item_key, kind, position, value, written_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    selectItemResult: db.prepare<[string, string], ItemResultRow>(
      'SELECT * FROM item_results WHERE run_id = ? AND item_key = ?',
    ),
    selectItemResults: db.prepare<[string], ItemResultRow>(
      'SELECT * FROM item_results WHERE run_id = ? ORDER BY position, item_key',
    ),
    countItemResults: db.prepare<[string], { count: number }>(
      'SELECT COUNT(*) AS count FROM item_results WHERE run_id = ?',
    ),

    selectLease: db.prepare<[string], { holder: string; expires_at: number }>(
      'SELECT holder, expires_at FROM session_leases WHERE session_id = ?',
    ),
    upsertLease: db.prepare<[string, string, number]>(
      `INSERT INTO session_leases (session_id, holder, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (session_id) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at`,
    ),
    releaseLease: db.prepare<[string, string]>(
      'DELETE FROM session_leases WHERE session_id = ? AND holder = ?',
    ),
    schemaVersion: db.prepare<[], { version: number | null }>(
      'SELECT MAX(version) AS version FROM schema_version',
    ),
  };
}

/** The prepared statements of the SQLite store. */
export interface SqliteStatements {
  readonly selectCacheEntry: Statement<[string], CacheRow>;
  readonly insertCacheEntry: Statement<[string, string, string | null, string, string]>;
  readonly incrementCacheHits: Statement<[string]>;
  readonly countCacheEntries: Statement<[], { count: number }>;
  readonly insertSession: Statement<Value[]>;
  readonly insertTurn: Statement<[string, number, string]>;
  readonly touchSession: Statement<[string, string]>;
  readonly closeSession: Statement<[string, string]>;
  readonly selectSession: Statement<[string], SessionRow>;
  readonly selectProgress: Statement<[string], { turns: number; closed_at: string | null }>;
  readonly selectTurns: Statement<[string], { turn: string }>;
  readonly selectByOwner: Statement<[string, number], SummaryRow>;
  readonly countOpenByOwner: Statement<[string], { count: number }>;
  readonly countOpen: Statement<[], { count: number }>;
  readonly selectIdle: Statement<[string], { id: string }>;
  readonly deleteTurns: Statement<[string]>;
  readonly deleteLease: Statement<[string]>;
  readonly deleteSession: Statement<[string]>;
  readonly insertItemResult: Statement<[string, string, string, number, string, string, string]>;
  readonly selectItemResult: Statement<[string, string], ItemResultRow>;
  readonly selectItemResults: Statement<[string], ItemResultRow>;
  readonly countItemResults: Statement<[string], { count: number }>;
  readonly selectLease: Statement<[string], { holder: string; expires_at: number }>;
  readonly upsertLease: Statement<[string, string, number]>;
  readonly releaseLease: Statement<[string, string]>;
  readonly schemaVersion: Statement<[], { version: number | null }>;
}
