import type { SessionRecord, Turn } from '../core/turn.js';
import type { CacheEntry, NewCacheEntry } from './cache-entries.js';
import type { ItemResultStore } from './item-results.js';

/** Options every store call accepts. A call whose signal has fired fails with ABORTED before it starts. */
export interface StoreCallOptions {
  readonly signal?: AbortSignal | undefined;
}

/** Which database is underneath. */
export type StoreKind = 'sqlite' | 'postgres';

/** The cache engine's view of the store. */
export interface CacheStore {
  getCacheEntry(key: string, options?: StoreCallOptions): Promise<CacheEntry | undefined>;
  /** INSERT OR IGNORE: resolves false, and keeps the stored entry, when the key already has one. */
  putCacheEntry(key: string, entry: NewCacheEntry, options?: StoreCallOptions): Promise<boolean>;
  /** Adds one to the entry's hit counter (no-op for an unknown key). */
  recordCacheHit(key: string, options?: StoreCallOptions): Promise<void>;
  countCacheEntries(options?: StoreCallOptions): Promise<number>;
}

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

/** A stored session's turn count and state, without its turns. */
export interface SessionProgress {
  readonly turns: number;
  readonly closed: boolean;
}

export interface CreateSessionOptions extends StoreCallOptions {
  /** Last-use time (epoch ms) stored with the session; defaults to now. */
  readonly at?: number | undefined;
  /**
   * When given, the session is stored only if its owner holds fewer open sessions than this; the count and the
   * insert are one transaction (serialised per owner), so concurrent creates cannot slip past the limit.
   */
  readonly maxOpenForOwner?: number | undefined;
}

/** What `createSession` did: `stored` false only when `maxOpenForOwner` was reached (nothing was written). */
export interface CreateSessionOutcome {
  readonly stored: boolean;
  /** The owner's open sessions before this one. */
  readonly openForOwner: number;
}

/** The sessions of the env server and their turns. Every write is one transaction, committed on return. */
export interface SessionStore {
  /** Stores a new session with the turns it already has (a fork starts with its parent's turns). */
  createSession(
    record: SessionRecord,
    ownerHash: string,
    options?: CreateSessionOptions,
  ): Promise<CreateSessionOutcome>;
  /**
   * Appends one turn used `at` (epoch ms); fails with STORE_ERROR (storing nothing) when that turn index is
   * already stored, and with SESSION_NOT_FOUND for an unknown session.
   */
  appendTurn(sessionId: string, turn: Turn, at?: number, options?: StoreCallOptions): Promise<void>;
  /** Marks the session closed `at` (the first close time is kept); false for an unknown id. */
  markSessionClosed(sessionId: string, at?: number, options?: StoreCallOptions): Promise<boolean>;
  /** The session with all its turns, or undefined. */
  loadSession(sessionId: string, options?: StoreCallOptions): Promise<StoredSession | undefined>;
  /**
   * How far the stored session has come (its turn count and whether it is closed), or undefined for an unknown
   * id: one cheap query that tells a server process whether its copy in memory is still current.
   */
  sessionProgress(sessionId: string, options?: StoreCallOptions): Promise<SessionProgress | undefined>;
  /** The owner's sessions, newest first (closed ones only when asked). */
  listSessionsByOwner(
    ownerHash: string,
    options?: StoreCallOptions & { readonly includeClosed?: boolean | undefined },
  ): Promise<SessionSummary[]>;
  countOpenSessionsByOwner(ownerHash: string, options?: StoreCallOptions): Promise<number>;
  countOpenSessions(options?: StoreCallOptions): Promise<number>;
  /** Ids of open sessions whose last step (or creation) is older than `before` (an ISO time), oldest first. */
  openSessionsIdleSince(before: string, options?: StoreCallOptions): Promise<string[]>;
  /** Deletes the session, its turns and its lease; false for an unknown id. */
  deleteSession(sessionId: string, options?: StoreCallOptions): Promise<boolean>;
}

/**
 * Leases that let several stateless server processes share one database while only one steps a session at a
 * time. A lease expires, so a crashed holder blocks the session for at most its time to live.
 */
export interface SessionLeaseStore {
  /**
   * Takes the session's lease for `holder` until `now + ttlMs` (epoch ms) when it is free, expired (its expiry is
   * at or before `now`) or already held by `holder` (then the expiry is renewed). Resolves false when another
   * holder's lease is still running.
   */
  acquireSessionLease(
    sessionId: string,
    holder: string,
    ttlMs: number,
    now: number,
    options?: StoreCallOptions,
  ): Promise<boolean>;
  /** Gives the lease back; false when `holder` did not hold it (never taken, expired and taken by another). */
  releaseSessionLease(sessionId: string, holder: string, options?: StoreCallOptions): Promise<boolean>;
}

/** What `/health` reports about the store. */
export interface StoreHealth {
  readonly kind: StoreKind;
  readonly ok: boolean;
  /** Round trip of one trivial query, in milliseconds. */
  readonly latencyMs: number;
  /** The schema version the database holds now (undefined when it could not be read). */
  readonly schemaVersion: number | undefined;
  /** Why `ok` is false. */
  readonly error?: string | undefined;
}

/**
 * Everything AgentWorld keeps: cache entries, sessions and turns, item results and session leases, in SQLite
 * (embedded default) or PostgreSQL (shared by many processes). All calls are async; failures are
 * AgentWorldErrors: STORE_UNAVAILABLE (retryable) when the database cannot be reached, STORE_ERROR otherwise.
 */
export interface Store extends CacheStore, SessionStore, ItemResultStore, SessionLeaseStore {
  readonly kind: StoreKind;
  /** The file path, `:memory:`, or the PostgreSQL URL with its password replaced by `***`. */
  readonly location: string;
  /** The schema version after opening (the number of migrations applied). */
  readonly schemaVersion: number;
  readonly isClosed: boolean;
  /** Never throws: reports whether one trivial query works and how long it took. */
  ping(options?: StoreCallOptions): Promise<StoreHealth>;
  /** Idempotent. Later calls to other methods fail with STORE_ERROR. */
  close(): Promise<void>;
}
