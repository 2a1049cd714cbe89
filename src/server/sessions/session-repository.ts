import type BetterSqlite3 from 'better-sqlite3';
import { AgentWorldError } from '../../core/errors.js';
import {
  SESSION_FORMAT,
  SESSION_FORMAT_VERSION,
  type SessionRecord,
  SessionRecordSchema,
  type Turn,
} from '../../core/turn.js';
import type { Store } from '../../store/store.js';
import { storeError } from '../../store/store-error.js';

/** A stored session with what the server keeps beside the record. */
export interface StoredSession {
  readonly record: SessionRecord;
  readonly ownerHash: string;
  readonly updatedAt: string;
  readonly closedAt: string | undefined;
}

/** One line of a session listing (no turns). */
export interface SessionSummary {
  readonly id: string;
  readonly domain: string;
  readonly turns: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly closed: boolean;
  readonly parentId: string | undefined;
  readonly labels: Record<string, string>;
}

interface SessionRow {
  id: string;
  owner_hash: string;
  spec: string;
  system_prompt: string;
  initial_observation: string;
  seed: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  parent_id: string | null;
  forked_at_turn: number | null;
  labels: string;
}

interface SummaryRow {
  id: string;
  spec: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  parent_id: string | null;
  labels: string;
  turns: number;
}

/**
 * The sessions of the HTTP env server in the embedded store (tables of migration 2). Every write is one
 * transaction that has committed when the method returns, so a caller may answer its client right after.
 */
export class SessionRepository {
  private readonly db: BetterSqlite3.Database;
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(readonly store: Store) {
    this.db = store.database;
    this.statements = prepareStatements(this.db);
  }

  /**
   * Stores a new session with the turns it already has (a fork starts with its parent's turns); `at` (epoch ms)
   * is its last-use time, which the reaper compares.
   */
  create(record: SessionRecord, ownerHash: string, at: number = Date.now()): void {
    const insert = this.db.transaction(() => {
      this.statements.insertSession.run({
        id: record.id,
        owner_hash: ownerHash,
        spec: JSON.stringify(record.spec),
        system_prompt: record.systemPrompt,
        initial_observation: record.initialObservation,
        seed: record.seed,
        created_at: record.createdAt,
        updated_at: new Date(at).toISOString(),
        closed_at: record.closed ? new Date(at).toISOString() : null,
        parent_id: record.parentId ?? null,
        forked_at_turn: record.forkedAtTurn ?? null,
        labels: JSON.stringify(record.labels),
      });
      for (const turn of record.turns)
        this.statements.insertTurn.run(record.id, turn.index, JSON.stringify(turn));
    });
    this.write(`Cannot store session ${record.id}`, () => insert.immediate());
  }

  /** Appends one turn, used `at` (epoch ms); fails (and stores nothing) when that turn index is already stored. */
  appendTurn(sessionId: string, turn: Turn, at: number = Date.now()): void {
    const append = this.db.transaction(() => {
      this.statements.insertTurn.run(sessionId, turn.index, JSON.stringify(turn));
      const changed = this.statements.touch.run(new Date(at).toISOString(), sessionId).changes;
      if (changed === 0) {
        throw new AgentWorldError('SESSION_NOT_FOUND', `No stored session ${sessionId}.`);
      }
    });
    this.write(`Cannot store turn ${turn.index} of session ${sessionId}`, () => append.immediate());
  }

  /** Marks the session closed `at` (epoch ms; the first close time is kept); false for an unknown id. */
  markClosed(sessionId: string, at: number = Date.now()): boolean {
    return this.write(
      `Cannot close session ${sessionId}`,
      () => this.statements.close.run(new Date(at).toISOString(), sessionId).changes > 0,
    );
  }

  /** The session with all its turns, or undefined. */
  load(sessionId: string): StoredSession | undefined {
    return this.read(`Cannot load session ${sessionId}`, () => {
      const row = this.statements.selectSession.get(sessionId);
      if (row === undefined) return undefined;
      const turns = this.statements.selectTurns
        .all(sessionId)
        .map((turn) => JSON.parse(turn.turn) as unknown);
      const record = SessionRecordSchema.parse({
        format: SESSION_FORMAT,
        version: SESSION_FORMAT_VERSION,
        id: row.id,
        ...(row.parent_id === null ? {} : { parentId: row.parent_id }),
        ...(row.forked_at_turn === null ? {} : { forkedAtTurn: row.forked_at_turn }),
        createdAt: row.created_at,
        seed: row.seed,
        spec: JSON.parse(row.spec) as unknown,
        systemPrompt: row.system_prompt,
        initialObservation: row.initial_observation,
        turns,
        closed: row.closed_at !== null,
        labels: JSON.parse(row.labels) as unknown,
      });
      return {
        record,
        ownerHash: row.owner_hash,
        updatedAt: row.updated_at,
        closedAt: row.closed_at ?? undefined,
      };
    });
  }

  /** The owner's sessions, newest first (closed ones only when asked). */
  listByOwner(ownerHash: string, options: { includeClosed?: boolean } = {}): SessionSummary[] {
    return this.read('Cannot list sessions', () =>
      this.statements.selectByOwner.all(ownerHash, options.includeClosed === true ? 1 : 0).map(toSummary),
    );
  }

  countOpenByOwner(ownerHash: string): number {
    return this.read(
      'Cannot count sessions',
      () => this.statements.countOpenByOwner.get(ownerHash)?.count ?? 0,
    );
  }

  countOpen(): number {
    return this.read('Cannot count sessions', () => this.statements.countOpen.get()?.count ?? 0);
  }

  /** Ids of open sessions whose last step (or creation) is older than `before` (an ISO time). */
  openIdleSince(before: string): string[] {
    return this.read('Cannot list idle sessions', () =>
      this.statements.selectIdle.all(before).map((row) => row.id),
    );
  }

  /** Deletes the session and its turns; returns false for an unknown id. */
  delete(sessionId: string): boolean {
    return this.write(`Cannot delete session ${sessionId}`, () => {
      const remove = this.db.transaction(() => {
        this.statements.deleteTurns.run(sessionId);
        return this.statements.deleteSession.run(sessionId).changes > 0;
      });
      return remove.immediate();
    });
  }

  private write<T>(what: string, work: () => T): T {
    this.assertOpen();
    try {
      return work();
    } catch (error) {
      throw storeError(what, error);
    }
  }

  private read<T>(what: string, work: () => T): T {
    this.assertOpen();
    try {
      return work();
    } catch (error) {
      throw storeError(what, error);
    }
  }

  private assertOpen(): void {
    if (this.store.isClosed) throw new AgentWorldError('STORE_ERROR', 'The session store is closed.');
  }
}

function toSummary(row: SummaryRow): SessionSummary {
  const spec = JSON.parse(row.spec) as { domain?: unknown };
  return {
    id: row.id,
    domain: String(spec.domain),
    turns: row.turns,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closed: row.closed_at !== null,
    parentId: row.parent_id ?? undefined,
    labels: JSON.parse(row.labels) as Record<string, string>,
  };
}

function prepareStatements(db: BetterSqlite3.Database) {
  return {
    insertSession: db.prepare<[SessionRow]>(
      `INSERT INTO sessions (id, owner_hash, spec, system_prompt, initial_observation, seed, created_at,
         updated_at, closed_at, parent_id, forked_at_turn, labels)
       VALUES (@id, @owner_hash, @spec, @system_prompt, @initial_observation, @seed, @created_at, @updated_at,
         @closed_at, @parent_id, @forked_at_turn, @labels)`,
    ),
    insertTurn: db.prepare<[string, number, string]>(
      'INSERT INTO session_turns (session_id, turn_index, turn) VALUES (?, ?, ?)',
    ),
    touch: db.prepare<[string, string]>('UPDATE sessions SET updated_at = ? WHERE id = ?'),
    close: db.prepare<[string, string]>(
      'UPDATE sessions SET closed_at = COALESCE(closed_at, ?) WHERE id = ?',
    ),
    selectSession: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?'),
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
    deleteSession: db.prepare<[string]>('DELETE FROM sessions WHERE id = ?'),
  };
}
