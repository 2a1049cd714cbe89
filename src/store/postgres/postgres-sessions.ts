import { AgentWorldError } from '../../core/errors.js';
import type { SessionRecord, Turn } from '../../core/turn.js';
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
  StoreCallOptions,
  StoredSession,
} from '../store.js';
import type { PostgresConnection, PostgresValue } from './postgres-connection.js';

/** The advisory lock class under which creates of one owner's sessions are serialised (capacity check). */
const OWNER_LOCK_CLASS = 0x41_57_4f;

/** The SQL of sessions, their turns and their leases, for PostgresStore (which documents each call). */
export async function createSession(
  connection: PostgresConnection,
  record: SessionRecord,
  ownerHash: string,
  options: CreateSessionOptions,
): Promise<CreateSessionOutcome> {
  return connection.transaction(`store session ${record.id}`, options, async (client) => {
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
      const values: PostgresValue[] = [];
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

export async function appendTurn(
  connection: PostgresConnection,
  sessionId: string,
  turn: Turn,
  at: number,
  options: StoreCallOptions,
): Promise<void> {
  await connection.transaction(
    `store turn ${turn.index} of session ${sessionId}`,
    options,
    async (client) => {
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
    },
  );
}

export async function markSessionClosed(
  connection: PostgresConnection,
  sessionId: string,
  at: number,
  options: StoreCallOptions,
): Promise<boolean> {
  const result = await connection.query(
    `close session ${sessionId}`,
    options,
    'UPDATE sessions SET closed_at = COALESCE(closed_at, $1) WHERE id = $2',
    [new Date(at).toISOString(), sessionId],
  );
  return (result.rowCount ?? 0) > 0;
}

export async function loadSession(
  connection: PostgresConnection,
  sessionId: string,
  options: StoreCallOptions,
): Promise<StoredSession | undefined> {
  // One statement, so the row and its turns come from one snapshot.
  const result = await connection.query<SessionRow & { turns: string[] }>(
    `load session ${sessionId}`,
    options,
    `SELECT s.*, ARRAY(SELECT t.turn FROM session_turns t WHERE t.session_id = s.id ORDER BY t.turn_index) AS turns
     FROM sessions s WHERE s.id = $1`,
    [sessionId],
  );
  const row = result.rows[0];
  if (row === undefined) return undefined;
  return connection.guard(`load session ${sessionId}`, () => storedSessionOf(row, row.turns));
}

export async function listSessionsByOwner(
  connection: PostgresConnection,
  ownerHash: string,
  options: StoreCallOptions & { readonly includeClosed?: boolean | undefined },
): Promise<SessionSummary[]> {
  const result = await connection.query<SummaryRow>(
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

export async function countOpenSessionsByOwner(
  connection: PostgresConnection,
  ownerHash: string,
  options: StoreCallOptions,
): Promise<number> {
  return connection.count(
    'count sessions',
    options,
    'SELECT COUNT(*) AS count FROM sessions WHERE owner_hash = $1 AND closed_at IS NULL',
    [ownerHash],
  );
}

export async function sessionProgress(
  connection: PostgresConnection,
  sessionId: string,
  options: StoreCallOptions,
): Promise<SessionProgress | undefined> {
  const result = await connection.query<{ turns: string | number; closed_at: string | null }>(
    `read the progress of session ${sessionId}`,
    options,
    `SELECT (SELECT COUNT(*) FROM session_turns t WHERE t.session_id = s.id) AS turns, s.closed_at
     FROM sessions s WHERE s.id = $1`,
    [sessionId],
  );
  const row = result.rows[0];
  return row === undefined ? undefined : { turns: Number(row.turns), closed: row.closed_at !== null };
}

export async function countOpenSessions(
  connection: PostgresConnection,
  options: StoreCallOptions,
): Promise<number> {
  return connection.count(
    'count sessions',
    options,
    'SELECT COUNT(*) AS count FROM sessions WHERE closed_at IS NULL',
    [],
  );
}

export async function openSessionsIdleSince(
  connection: PostgresConnection,
  before: string,
  options: StoreCallOptions,
): Promise<string[]> {
  const result = await connection.query<{ id: string }>(
    'list idle sessions',
    options,
    'SELECT id FROM sessions WHERE closed_at IS NULL AND updated_at < $1 ORDER BY updated_at',
    [before],
  );
  return result.rows.map((row) => row.id);
}

export async function deleteSession(
  connection: PostgresConnection,
  sessionId: string,
  options: StoreCallOptions,
): Promise<boolean> {
  return connection.transaction(`delete session ${sessionId}`, options, async (client) => {
    await client.query('DELETE FROM session_turns WHERE session_id = $1', [sessionId]);
    await client.query('DELETE FROM session_leases WHERE session_id = $1', [sessionId]);
    const deleted = await client.query('DELETE FROM sessions WHERE id = $1', [sessionId]);
    return (deleted.rowCount ?? 0) > 0;
  });
}

export async function acquireSessionLease(
  connection: PostgresConnection,
  sessionId: string,
  holder: string,
  ttlMs: number,
  now: number,
  options: StoreCallOptions,
): Promise<boolean> {
  // One atomic statement: a free lease is inserted; a taken one is overwritten only when it has expired or is
  // the same holder's (renewal). Concurrent callers queue on the row, so exactly one gets it.
  const result = await connection.query(
    `take the lease of session ${sessionId}`,
    options,
    `INSERT INTO session_leases (session_id, holder, expires_at) VALUES ($1, $2, $3)
     ON CONFLICT (session_id) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
     WHERE session_leases.expires_at <= $4 OR session_leases.holder = EXCLUDED.holder`,
    [sessionId, holder, Math.floor(now + Math.max(0, ttlMs)), Math.floor(now)],
  );
  return result.rowCount === 1;
}

export async function releaseSessionLease(
  connection: PostgresConnection,
  sessionId: string,
  holder: string,
  options: StoreCallOptions,
): Promise<boolean> {
  const result = await connection.query(
    `release the lease of session ${sessionId}`,
    options,
    'DELETE FROM session_leases WHERE session_id = $1 AND holder = $2',
    [sessionId, holder],
  );
  return (result.rowCount ?? 0) > 0;
}
