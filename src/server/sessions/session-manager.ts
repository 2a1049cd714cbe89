import type { CallOptions } from '../../core/abort.js';
import type { Engine } from '../../core/engine.js';
import { AgentWorldError } from '../../core/errors.js';
import type { ResetResult, SessionRecord, StepResult } from '../../core/turn.js';
import { getDomain } from '../../domains/index.js';
import { parseWorldSpec } from '../../session/create-env.js';
import { Session } from '../../session/session.js';
import { type Clock, systemClock } from './clock.js';
import { type LiveEntry, LiveSessions } from './live-sessions.js';
import { resolveSpecInput } from './named-spec.js';
import { newSessionId } from './owner.js';
import type { SessionLeases } from './session-leases.js';
import type {
  ForkResult,
  ManagedStepOptions,
  ResetRequest,
  SessionManagerOptions,
  SessionMemoryUse,
  SessionStateView,
} from './session-manager-types.js';
import { reapAbandonedSessions, startSweepTimer } from './session-reaper.js';
import type { SessionRepository, SessionSummary } from './session-repository.js';
import { SharedValues } from './shared-values.js';
import { withStepDeadline } from './step-deadline.js';

export type * from './session-manager-types.js';

/**
 * The server's sessions: every one stored (each step committed before it is answered), the recently used ones
 * live in memory (LRU with idle eviction, reloaded on demand without engine calls), owned by one API key, and
 * closed by a reaper once abandoned. A session id of another owner reads exactly like an unknown one.
 *
 * Memory: a closed or evicted session leaves nothing in the manager; what it keeps besides the live sessions is
 * the bounded table of shared specs and prompts (`memoryUse()`), and ownership and counts live in the store.
 */
export class SessionManager {
  readonly repository: SessionRepository;
  private readonly engine: Engine;
  private readonly leases: SessionLeases | undefined;
  private readonly namedSpecs: Readonly<Record<string, unknown>>;
  private readonly reapAfterMs: number;
  private readonly clock: Clock;
  private readonly maxPerOwner: number;
  private readonly defaultTimeoutMs: number;
  private readonly maxTimeoutMs: number;
  /** The sessions held in memory (LRU with idle eviction). */
  private readonly live: LiveSessions;
  /** One copy of each distinct spec and system prompt, whatever the number of sessions using it. */
  private readonly shared: SharedValues;
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(options: SessionManagerOptions) {
    this.repository = options.repository;
    this.engine = options.engine;
    this.leases = options.leases;
    this.namedSpecs = options.namedSpecs ?? {};
    this.clock = options.clock ?? systemClock;
    this.live = new LiveSessions({
      clock: this.clock,
      maxLive: Math.max(1, options.maxLiveSessions ?? 1000),
      evictAfterMs: options.evictAfterMs ?? 10 * 60_000,
    });
    this.reapAfterMs = options.reapAfterMs ?? 24 * 3_600_000;
    this.maxPerOwner = options.maxOpenSessionsPerOwner ?? 100;
    this.defaultTimeoutMs = options.defaultStepTimeoutMs ?? 600_000;
    this.maxTimeoutMs = options.maxStepTimeoutMs ?? 3_600_000;
    this.shared = new SharedValues(options.sharedValues);
    this.timer = startSweepTimer(options.sweepIntervalMs ?? 30_000, () => this.sweep());
  }

  /** Sessions held in memory right now. */
  get liveCount(): number {
    return this.live.size;
  }

  /** What the manager holds in memory now. */
  memoryUse(): SessionMemoryUse {
    const shared = this.shared.size;
    return { liveSessions: this.live.size, sharedValues: shared.values, sharedCharacters: shared.characters };
  }

  /** Starts a new session and stores it; the answer comes after the commit. */
  async reset(
    request: ResetRequest,
    options: CallOptions = {},
  ): Promise<{ sessionId: string; result: ResetResult }> {
    // Early refusal before any engine call; the binding check is the store transaction below.
    await this.assertCapacity(request.ownerHash, options);
    const raw = await resolveSpecInput(request.spec, this.namedSpecs, options);
    // What createEnv does, with the prepared spec and the system prompt shared between sessions of one world.
    const parsed = parseWorldSpec(raw);
    const domain = getDomain(parsed.domain);
    const spec = this.shared.spec(await domain.prepare(parsed, { signal: options.signal }));
    // An engine that cannot simulate this world fails the reset, not every step (e.g. no model fits its domain).
    await this.engine.prepare?.(spec, { signal: options.signal });
    const session = new Session({
      spec,
      domain,
      engine: this.engine,
      id: newSessionId(),
      systemPrompt: this.shared.prompt(domain.systemPrompt(spec)),
    });
    const result = await session.reset({ seed: request.seed, signal: options.signal });
    const labels: Record<string, string> = {
      ...(request.labels ?? {}),
      ...(request.episodeId === undefined ? {} : { episode_id: request.episodeId }),
    };
    // The capacity check and the insert are one store transaction: concurrent resets of one owner (on this
    // process or another sharing the database) cannot both slip in.
    await this.createWithinCapacity(session.toRecord(labels), request.ownerHash, options);
    this.remember(session, request.ownerHash, labels);
    return { sessionId: session.id, result };
  }

  /**
   * One step under a time limit (combined with the caller's signal, e.g. a client that disconnects). A step
   * that fails, times out or is aborted records nothing; a successful one is committed before it returns.
   */
  async step(
    ownerHash: string,
    sessionId: string,
    action: unknown,
    options: ManagedStepOptions = {},
  ): Promise<StepResult> {
    if (this.leases === undefined) return this.stepAcquired(ownerHash, sessionId, action, options);
    return this.leases.hold(
      sessionId,
      () => this.stepAcquired(ownerHash, sessionId, action, options),
      options.signal,
    );
  }

  /** The step itself, with the session's lease held when the store is shared. */
  private async stepAcquired(
    ownerHash: string,
    sessionId: string,
    action: unknown,
    options: ManagedStepOptions,
  ): Promise<StepResult> {
    const entry = await this.acquire(ownerHash, sessionId, options);
    const timeoutMs = Math.min(this.maxTimeoutMs, Math.max(1, options.timeoutMs ?? this.defaultTimeoutMs));
    entry.inFlight += 1;
    try {
      return await withStepDeadline(timeoutMs, options.signal, async (signal) => {
        const result = await entry.session.step(action, { signal });
        try {
          await this.repository.appendTurn(sessionId, result.info.turn, this.clock());
        } catch (error) {
          // Memory is ahead of the store: forget it, so the next request reloads the committed history.
          this.live.delete(sessionId);
          throw error;
        }
        return result;
      });
    } finally {
      entry.inFlight -= 1;
      entry.lastUsed = this.clock();
    }
  }

  /** The session's state; closed sessions are reported too. */
  async state(ownerHash: string, sessionId: string, options: CallOptions = {}): Promise<SessionStateView> {
    const { session, labels } = await this.view(ownerHash, sessionId, options);
    const last = session.turns[session.turns.length - 1];
    const seed = session.seed ?? 0;
    return {
      sessionId: session.id,
      domain: session.spec.domain,
      dialect: session.dialect,
      seed,
      stepCount: session.turns.length,
      maxTurns: session.spec.maxTurns,
      closed: session.isClosed,
      parentId: session.parentId,
      forkedAtTurn: session.forkedAtTurn,
      createdAt: session.toRecord().createdAt,
      observation: last?.observation ?? session.domain.initialObservation(session.spec),
      ledger: session.ledgerSummary(),
      labels,
    };
  }

  /** The whole stored record (closed sessions included), e.g. for a trajectory download. */
  async record(ownerHash: string, sessionId: string, options: CallOptions = {}): Promise<SessionRecord> {
    const live = await this.currentLive(sessionId, options);
    if (live !== undefined && live.ownerHash === ownerHash) return live.session.toRecord(live.labels);
    const stored = await this.repository.load(sessionId, options);
    if (stored === undefined || stored.ownerHash !== ownerHash) throw notFound(sessionId);
    return stored.record;
  }

  /** A new session (same owner) at the current turn of this one, stored before it is returned. */
  async fork(
    ownerHash: string,
    sessionId: string,
    labels: Readonly<Record<string, string>> = {},
    options: CallOptions = {},
  ): Promise<ForkResult> {
    const entry = await this.acquire(ownerHash, sessionId, options);
    const child = entry.session.fork({ id: newSessionId() });
    const childLabels = { ...entry.labels, ...labels };
    await this.createWithinCapacity(child.toRecord(childLabels), ownerHash, options);
    this.remember(child, ownerHash, childLabels);
    const last = child.turns[child.turns.length - 1];
    return {
      sessionId: child.id,
      parentId: sessionId,
      forkedAtTurn: child.forkedAtTurn ?? child.turns.length,
      observation: last?.observation ?? child.domain.initialObservation(child.spec),
    };
  }

  /** Closes the session (idempotent); returns false when it was already closed. */
  async close(ownerHash: string, sessionId: string, options: CallOptions = {}): Promise<boolean> {
    const live = this.live.get(sessionId);
    if (live !== undefined && live.ownerHash !== ownerHash) throw notFound(sessionId);
    const stored = live === undefined ? await this.repository.load(sessionId, options) : undefined;
    if (live === undefined && (stored === undefined || stored.ownerHash !== ownerHash))
      throw notFound(sessionId);
    const wasOpen = live !== undefined ? !live.session.isClosed : stored?.closedAt === undefined;
    await this.repository.markClosed(sessionId, this.clock(), options);
    if (live !== undefined) {
      await live.session.close();
      this.live.delete(sessionId);
    }
    return wasOpen;
  }

  list(
    ownerHash: string,
    options: CallOptions & { includeClosed?: boolean } = {},
  ): Promise<SessionSummary[]> {
    return this.repository.listByOwner(ownerHash, options);
  }

  /** Evicts idle live sessions (and the least recently used beyond the maximum), then reaps abandoned ones. */
  async sweep(): Promise<{ evicted: number; reaped: number }> {
    const evicted = this.live.evictIdle();
    const reaped = await reapAbandonedSessions(this.repository, this.live, this.reapAfterMs, this.clock());
    return { evicted, reaped };
  }

  /** Stops the sweep timer and forgets live sessions (they stay stored and open). */
  shutdown(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.live.clear();
  }

  /** The live, open session of this owner, reloaded from the store when it left memory. */
  private async acquire(ownerHash: string, sessionId: string, options: CallOptions = {}): Promise<LiveEntry> {
    let entry = await this.currentLive(sessionId, options);
    if (entry === undefined) {
      const stored = await this.repository.load(sessionId, options);
      // Another request may have loaded it while this one waited for the store: one live copy per session.
      entry = this.live.get(sessionId);
      if (entry !== undefined) return this.touch(entry, ownerHash, sessionId);
      if (stored === undefined || stored.ownerHash !== ownerHash) throw notFound(sessionId);
      if (stored.record.closed) {
        throw new AgentWorldError('SESSION_CLOSED', `Session ${sessionId} is closed.`);
      }
      const record = {
        ...stored.record,
        spec: this.shared.spec(stored.record.spec),
        systemPrompt: this.shared.prompt(stored.record.systemPrompt),
      };
      const session = Session.fromRecord(record, getDomain(record.spec.domain), this.engine);
      entry = this.remember(session, ownerHash, stored.record.labels);
      entry.lastUsed = this.clock();
      return entry;
    }
    return this.touch(entry, ownerHash, sessionId);
  }

  /** A live entry of this owner, marked most recently used. */
  private touch(entry: LiveEntry, ownerHash: string, sessionId: string): LiveEntry {
    if (entry.ownerHash !== ownerHash) throw notFound(sessionId);
    this.live.markRecent(sessionId, entry);
    entry.lastUsed = this.clock();
    return entry;
  }

  /** A session to read from: the live one, else rebuilt from the store (closed ones included, not kept). */
  private async view(
    ownerHash: string,
    sessionId: string,
    options: CallOptions,
  ): Promise<{ session: Session; labels: Record<string, string> }> {
    const live = await this.currentLive(sessionId, options);
    if (live !== undefined) {
      if (live.ownerHash !== ownerHash) throw notFound(sessionId);
      live.lastUsed = this.clock();
      return live;
    }
    const stored = await this.repository.load(sessionId, options);
    if (stored === undefined || stored.ownerHash !== ownerHash) throw notFound(sessionId);
    const session = Session.fromRecord(stored.record, getDomain(stored.record.spec.domain), this.engine);
    return { session, labels: stored.record.labels };
  }

  /**
   * The session's copy in memory when it is current. Alone on its store, this process's copy always is; when
   * several processes share the store, one query says whether another process has stepped or closed the session
   * since, and a stale copy is dropped (the caller reloads the committed history).
   */
  private async currentLive(sessionId: string, options: CallOptions): Promise<LiveEntry | undefined> {
    const entry = this.live.get(sessionId);
    if (entry === undefined || this.leases === undefined || entry.inFlight > 0) return entry;
    const progress = await this.repository.progress(sessionId, options);
    const current = this.live.get(sessionId);
    if (current !== entry) return current;
    if (
      progress !== undefined &&
      progress.turns === entry.session.turns.length &&
      progress.closed === entry.session.isClosed
    ) {
      return entry;
    }
    this.live.delete(sessionId);
    return undefined;
  }

  private remember(session: Session, ownerHash: string, labels: Record<string, string>): LiveEntry {
    return this.live.add(session, ownerHash, labels);
  }

  private async assertCapacity(ownerHash: string, options: CallOptions): Promise<void> {
    const open = await this.repository.countOpenByOwner(ownerHash, options);
    if (open >= this.maxPerOwner) throw this.capacityReached(open);
  }

  /** Stores the new session unless its owner is at the limit: count and insert in one store transaction. */
  private async createWithinCapacity(
    record: SessionRecord,
    ownerHash: string,
    options: CallOptions,
  ): Promise<void> {
    const outcome = await this.repository.createWithinLimit(
      record,
      ownerHash,
      this.maxPerOwner,
      this.clock(),
      options,
    );
    if (!outcome.stored) throw this.capacityReached(outcome.openForOwner);
  }

  private capacityReached(open: number): AgentWorldError {
    return new AgentWorldError(
      'CAPACITY_REACHED',
      `This API key already holds ${open} open sessions (the limit is ${this.maxPerOwner}); close one first.`,
      { details: { open, limit: this.maxPerOwner } },
    );
  }
}

function notFound(sessionId: string): AgentWorldError {
  return new AgentWorldError('SESSION_NOT_FOUND', `No session ${sessionId.slice(0, 100)}.`);
}
