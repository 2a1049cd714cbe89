import type { CallOptions } from '../../core/abort.js';
import type { Engine } from '../../core/engine.js';
import type { Clock } from './clock.js';
import type { SessionLeases } from './session-leases.js';
import type { SessionRepository } from './session-repository.js';
import type { SharedValuesLimits } from './shared-values.js';

export interface SessionManagerOptions {
  readonly repository: SessionRepository;
  /** The engine every session steps with (the caller owns it and closes it). */
  readonly engine: Engine;
  /**
   * Set when several server processes share the store (PostgreSQL behind a load balancer): each step holds the
   * session's lease, so two processes never step one session at once, and a copy in memory is used only while
   * the store says it is current (another process may have stepped or closed the session meanwhile).
   */
  readonly leases?: SessionLeases | undefined;
  /** Extra spec names clients may send to `reset`, besides the bundled examples. */
  readonly namedSpecs?: Readonly<Record<string, unknown>>;
  /** Most sessions kept in memory; the least recently used idle ones are evicted beyond it (default 1000). */
  readonly maxLiveSessions?: number;
  /** A session unused this long leaves memory (it stays stored and reloads on demand; default 10 min). */
  readonly evictAfterMs?: number;
  /** A session unused this long is closed by the reaper (default 24 h; 0 turns the reaper off). */
  readonly reapAfterMs?: number;
  /** How often eviction and the reaper run (default 30 s; 0 = only when `sweep()` is called). */
  readonly sweepIntervalMs?: number;
  /**
   * The time of last use, idle eviction and reaping, and the last-use time stored with each session (default
   * `Date.now`; tests pass one they move forward). Step time limits are real timers.
   */
  readonly clock?: Clock;
  /** Most open sessions one owner may hold (default 100). */
  readonly maxOpenSessionsPerOwner?: number;
  /** Step time limit when the client names none (default 600 s). */
  readonly defaultStepTimeoutMs?: number;
  /** Upper bound of a client's step time limit (default 3600 s). */
  readonly maxStepTimeoutMs?: number;
  /**
   * The bound of the one copy of each distinct spec and system prompt the manager shares between sessions, kept
   * after they close (default 256 values and 4 Mi characters per table; see SharedValues).
   */
  readonly sharedValues?: Partial<SharedValuesLimits>;
}

/** What the manager holds in memory. */
export interface SessionMemoryUse {
  /** Sessions held in memory (at most `maxLiveSessions`, plus those with a step in flight). */
  readonly liveSessions: number;
  /** Distinct specs and system prompts kept to be shared (bounded by `sharedValues`). */
  readonly sharedValues: number;
  /** Their characters (prompt text, spec JSON). */
  readonly sharedCharacters: number;
}

export interface ResetRequest {
  readonly ownerHash: string;
  /** A spec name (bundled example or a named spec of the server) or an inline WorldSpec. */
  readonly spec: unknown;
  readonly seed?: number | undefined;
  /** The client's own episode id, kept as the `episode_id` label (session ids are always ours). */
  readonly episodeId?: string | undefined;
  readonly labels?: Readonly<Record<string, string>> | undefined;
}

export interface ManagedStepOptions extends CallOptions {
  /** Time limit of this step; clamped to the manager's maximum. */
  readonly timeoutMs?: number | undefined;
}

/** What `state` reports about one session. */
export interface SessionStateView {
  readonly sessionId: string;
  readonly domain: string;
  readonly dialect: string;
  readonly seed: number;
  /** Turns taken so far. */
  readonly stepCount: number;
  readonly maxTurns: number;
  readonly closed: boolean;
  readonly parentId: string | undefined;
  readonly forkedAtTurn: number | undefined;
  readonly createdAt: string;
  /** The newest observation (the initial one before the first step). */
  readonly observation: string;
  readonly ledger: Record<string, unknown>;
  readonly labels: Record<string, string>;
}

export interface ForkResult {
  readonly sessionId: string;
  readonly parentId: string;
  readonly forkedAtTurn: number;
  readonly observation: string;
}
