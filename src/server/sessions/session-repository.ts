import type { CallOptions } from '../../core/abort.js';
import type { SessionRecord, Turn } from '../../core/turn.js';
import type {
  CreateSessionOutcome,
  SessionProgress,
  SessionSummary,
  Store,
  StoredSession,
} from '../../store/store.js';

export type { SessionSummary, StoredSession } from '../../store/store.js';

/**
 * The sessions of the HTTP env server in the store (SQLite or PostgreSQL): a thin facade over the store's
 * session methods. Every write is one transaction that has committed when the promise resolves, so a caller may
 * answer its client right after.
 */
export class SessionRepository {
  constructor(readonly store: Store) {}

  /**
   * Stores a new session with the turns it already has (a fork starts with its parent's turns); `at` (epoch ms)
   * is its last-use time, which the reaper compares.
   */
  async create(
    record: SessionRecord,
    ownerHash: string,
    at: number = Date.now(),
    options: CallOptions = {},
  ): Promise<void> {
    await this.store.createSession(record, ownerHash, { at, signal: options.signal });
  }

  /**
   * As `create`, only while the owner holds fewer than `limit` open sessions: the count and the insert are one
   * transaction, so concurrent creates of one owner cannot slip past the limit.
   */
  createWithinLimit(
    record: SessionRecord,
    ownerHash: string,
    limit: number,
    at: number = Date.now(),
    options: CallOptions = {},
  ): Promise<CreateSessionOutcome> {
    return this.store.createSession(record, ownerHash, {
      at,
      maxOpenForOwner: limit,
      signal: options.signal,
    });
  }

  /** Appends one turn, used `at` (epoch ms); fails (and stores nothing) when that turn index is already stored. */
  appendTurn(
    sessionId: string,
    turn: Turn,
    at: number = Date.now(),
    options: CallOptions = {},
  ): Promise<void> {
    return this.store.appendTurn(sessionId, turn, at, options);
  }

  /** Marks the session closed `at` (epoch ms; the first close time is kept); false for an unknown id. */
  markClosed(sessionId: string, at: number = Date.now(), options: CallOptions = {}): Promise<boolean> {
    return this.store.markSessionClosed(sessionId, at, options);
  }

  /** The session with all its turns, or undefined. */
  load(sessionId: string, options: CallOptions = {}): Promise<StoredSession | undefined> {
    return this.store.loadSession(sessionId, options);
  }

  /** The stored session's turn count and whether it is closed (no turns read), or undefined. */
  progress(sessionId: string, options: CallOptions = {}): Promise<SessionProgress | undefined> {
    return this.store.sessionProgress(sessionId, options);
  }

  /** The owner's sessions, newest first (closed ones only when asked). */
  listByOwner(
    ownerHash: string,
    options: CallOptions & { includeClosed?: boolean } = {},
  ): Promise<SessionSummary[]> {
    return this.store.listSessionsByOwner(ownerHash, options);
  }

  countOpenByOwner(ownerHash: string, options: CallOptions = {}): Promise<number> {
    return this.store.countOpenSessionsByOwner(ownerHash, options);
  }

  countOpen(options: CallOptions = {}): Promise<number> {
    return this.store.countOpenSessions(options);
  }

  /** Ids of open sessions whose last step (or creation) is older than `before` (an ISO time). */
  openIdleSince(before: string, options: CallOptions = {}): Promise<string[]> {
    return this.store.openSessionsIdleSince(before, options);
  }

  /** Deletes the session and its turns; returns false for an unknown id. */
  delete(sessionId: string, options: CallOptions = {}): Promise<boolean> {
    return this.store.deleteSession(sessionId, options);
  }
}
