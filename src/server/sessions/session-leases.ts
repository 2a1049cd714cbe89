import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { AgentWorldError } from '../../core/errors.js';
import type { SessionLeaseStore } from '../../store/index.js';
import { type Clock, systemClock } from './clock.js';

/** Timers the lease renewal uses; tests pass their own. */
export interface LeaseTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const systemTimers: LeaseTimers = {
  setInterval: (callback, ms) => {
    const handle = setInterval(callback, ms);
    handle.unref();
    return handle;
  },
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

export interface SessionLeasesOptions {
  /** Who holds the leases this object takes (default: host, process id and a random suffix). */
  readonly holder?: string;
  /** How long a lease lasts without renewal (default 30 s): a crashed holder blocks a session this long at most. */
  readonly ttlMs?: number;
  /** How often a running step renews its lease (default a third of `ttlMs`). */
  readonly renewEveryMs?: number;
  readonly clock?: Clock;
  readonly timers?: LeaseTimers;
}

/** A name for this process that no other server process shares. */
export function newLeaseHolder(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/**
 * One process's side of the session leases: several `serve` processes on one database step any session, but
 * never one session at once. `hold` takes the lease (SESSION_BUSY, retryable, when another process holds it),
 * renews it while the work runs, and gives it back after.
 */
export class SessionLeases {
  readonly holder: string;
  readonly ttlMs: number;
  private readonly renewEveryMs: number;
  private readonly clock: Clock;
  private readonly timers: LeaseTimers;
  /** Sessions this process holds now: a second hold of one of them is refused here, before the store. */
  private readonly held = new Set<string>();

  constructor(
    private readonly store: SessionLeaseStore,
    options: SessionLeasesOptions = {},
  ) {
    this.holder = options.holder ?? newLeaseHolder();
    this.ttlMs = Math.max(1, options.ttlMs ?? 30_000);
    this.renewEveryMs = Math.max(1, options.renewEveryMs ?? Math.floor(this.ttlMs / 3));
    this.clock = options.clock ?? systemClock;
    this.timers = options.timers ?? systemTimers;
  }

  /** Runs `work` holding the session's lease. */
  async hold<T>(sessionId: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    // The store renews a lease for its own holder, so two holds in this process would share one lease and the
    // first to finish would give it back under the other.
    if (this.held.has(sessionId)) {
      throw new AgentWorldError(
        'SESSION_BUSY',
        `Session ${sessionId.slice(0, 100)} is in the middle of a step.`,
      );
    }
    this.held.add(sessionId);
    try {
      return await this.holdInStore(sessionId, work, signal);
    } finally {
      this.held.delete(sessionId);
    }
  }

  /** Sessions whose lease this process holds now. */
  get heldCount(): number {
    return this.held.size;
  }

  private async holdInStore<T>(sessionId: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const acquired = await this.store.acquireSessionLease(sessionId, this.holder, this.ttlMs, this.clock(), {
      signal,
    });
    if (!acquired) {
      throw new AgentWorldError(
        'SESSION_BUSY',
        `Session ${sessionId.slice(0, 100)} is being stepped by another server process; retry.`,
        { details: { sessionId, leaseTtlMs: this.ttlMs } },
      );
    }
    const renewal = this.timers.setInterval(() => {
      // A failed renewal is not fatal: the lease still runs until its expiry, and the next renewal tries again.
      this.store.acquireSessionLease(sessionId, this.holder, this.ttlMs, this.clock()).catch(() => undefined);
    }, this.renewEveryMs);
    try {
      return await work();
    } finally {
      this.timers.clearInterval(renewal);
      // The lease expires on its own if this fails (a store that went away).
      await this.store.releaseSessionLease(sessionId, this.holder).catch(() => undefined);
    }
  }
}
