import type { Session } from '../../session/session.js';
import { type Clock, systemClock } from './clock.js';

/** One session held in memory, with what the manager needs to know about its use. */
export interface LiveEntry {
  readonly session: Session;
  readonly ownerHash: string;
  readonly labels: Record<string, string>;
  lastUsed: number;
  inFlight: number;
}

/**
 * The sessions held in memory: an LRU map (insertion order is recency order) that keeps at most `maxLive`
 * entries and lets idle ones go. Entries with a step in flight are never dropped. A dropped session stays
 * stored; the manager reloads it on demand.
 */
export class LiveSessions {
  /** Insertion order is recency order: a used entry is moved to the end. */
  private readonly entries = new Map<string, LiveEntry>();
  private readonly maxLive: number;
  private readonly evictAfterMs: number;
  private readonly clock: Clock;

  constructor(options: { readonly maxLive: number; readonly evictAfterMs: number; readonly clock?: Clock }) {
    this.maxLive = options.maxLive;
    this.evictAfterMs = options.evictAfterMs;
    this.clock = options.clock ?? systemClock;
  }

  get size(): number {
    return this.entries.size;
  }

  get(sessionId: string): LiveEntry | undefined {
    return this.entries.get(sessionId);
  }

  delete(sessionId: string): void {
    this.entries.delete(sessionId);
  }

  clear(): void {
    this.entries.clear();
  }

  /** Moves the entry to the most recently used end. */
  markRecent(sessionId: string, entry: LiveEntry): void {
    this.entries.delete(sessionId);
    this.entries.set(sessionId, entry);
  }

  /** Holds the session as the most recently used, dropping the least recently used beyond the maximum. */
  add(session: Session, ownerHash: string, labels: Record<string, string>): LiveEntry {
    const entry: LiveEntry = { session, ownerHash, labels, lastUsed: this.clock(), inFlight: 0 };
    this.entries.set(session.id, entry);
    this.trimToMaximum();
    return entry;
  }

  /** Drops entries unused for `evictAfterMs`, then the least recently used beyond the maximum. */
  evictIdle(): number {
    const now = this.clock();
    let evicted = 0;
    for (const [id, entry] of this.entries) {
      if (entry.inFlight === 0 && now - entry.lastUsed >= this.evictAfterMs) {
        this.entries.delete(id);
        evicted += 1;
      }
    }
    return evicted + this.trimToMaximum();
  }

  private trimToMaximum(): number {
    let evicted = 0;
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= this.maxLive) break;
      if (entry.inFlight > 0) continue;
      this.entries.delete(id);
      evicted += 1;
    }
    return evicted;
  }
}
