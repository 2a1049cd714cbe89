/**
 * Several replicas of one model (vLLM/SGLang processes behind their own base URLs): which are healthy, which one
 * takes the next request (least outstanding requests; a session stays on its replica while that one is healthy,
 * since its prefix cache lives there), and the probe rounds that bring an unhealthy replica back.
 */
import { type HealthTimer, intervalHealthTimer, type ProbeResult } from './replica-health.js';

/** One replica as `replicaHealth()` reports it. */
export interface ReplicaHealth {
  /** The base URL (without trailing slashes). */
  readonly url: string;
  readonly healthy: boolean;
  /** Requests assigned to it and not finished (queued for a slot or in flight). */
  readonly outstanding: number;
  /** Attempts it answered. */
  readonly served: number;
  /** Attempts that failed there with an infrastructure error (refused, 5xx, timeout). */
  readonly failures: number;
  /** Sessions kept on it. */
  readonly sessions: number;
  /** When the last probe finished (ISO time from the pool's clock). */
  readonly lastCheckedAt?: string;
  /** Since when it is unhealthy. */
  readonly unhealthySince?: string;
  /** Why it was last marked unhealthy. */
  readonly lastError?: string;
}

/** Every replica of the engine: what a `/health` route reports. */
export interface ReplicaHealthSnapshot {
  /** Whether the pool marks replicas unhealthy at all (only with more than one replica). */
  readonly checked: boolean;
  readonly healthy: number;
  readonly total: number;
  readonly replicas: readonly ReplicaHealth[];
}

/** The replica an attempt was given; release it when the attempt is over. */
export interface ReplicaLease {
  readonly url: string;
  /** The replica the session was kept on before, when it was unhealthy and the session moved here. */
  readonly movedFrom?: string;
  release(): void;
}

export interface ReplicaPoolOptions {
  /** Probes one replica (see `probeReplica`). */
  readonly probe: (url: string, signal: AbortSignal) => Promise<ProbeResult>;
  readonly intervalMs: number;
  /** Default: `setInterval` (unref'd). */
  readonly timer?: HealthTimer;
  /** Default `Date.now`. */
  readonly now?: () => number;
  /** Sessions remembered for affinity; the least recently used is forgotten beyond it (default 100 000). */
  readonly affinityLimit?: number;
}

interface ReplicaState {
  readonly url: string;
  healthy: boolean;
  outstanding: number;
  served: number;
  failures: number;
  lastCheckedAt: number | undefined;
  unhealthySince: number | undefined;
  lastError: string | undefined;
  /** The probe of this replica in progress. */
  probing: Promise<void> | undefined;
}

export class ReplicaPool {
  readonly #replicas: ReplicaState[];
  readonly #byUrl = new Map<string, ReplicaState>();
  /** Session id → the replica it is kept on, least recently used first. */
  readonly #affinity = new Map<string, ReplicaState>();
  readonly #options: ReplicaPoolOptions;
  readonly #now: () => number;
  readonly #affinityLimit: number;
  readonly #checked: boolean;
  readonly #closed = new AbortController();
  readonly #timer: HealthTimer;
  readonly #schedule: { cancel(): void } | undefined;
  #round: Promise<void> | undefined;
  /** Where the search for the least loaded replica starts, so ties spread over the replicas. */
  #cursor = 0;

  constructor(urls: readonly string[], options: ReplicaPoolOptions) {
    if (urls.length === 0) throw new Error('A replica pool needs at least one URL.');
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#affinityLimit = options.affinityLimit ?? 100_000;
    this.#replicas = urls.map((url) => ({
      url,
      healthy: true,
      outstanding: 0,
      served: 0,
      failures: 0,
      lastCheckedAt: undefined,
      unhealthySince: undefined,
      lastError: undefined,
      probing: undefined,
    }));
    for (const replica of this.#replicas) this.#byUrl.set(replica.url, replica);
    // One endpoint is used as it always was: never marked unhealthy, never probed (its failures are retried).
    this.#checked = urls.length > 1;
    this.#timer = options.timer ?? intervalHealthTimer;
    this.#schedule = this.#checked ? this.#timer.every(options.intervalMs, () => this.probeAll()) : undefined;
  }

  get size(): number {
    return this.#replicas.length;
  }

  /**
   * The replica for the next attempt of a session's request: the session's own replica while it is healthy and
   * not in `avoid` (the replicas this request already failed on), else the healthy replica with the fewest
   * outstanding requests outside `avoid` (inside it when no other is healthy). `undefined` when none is healthy.
   */
  acquire(sessionId: string | undefined, avoid: ReadonlySet<string> = new Set()): ReplicaLease | undefined {
    const pinned = sessionId === undefined ? undefined : this.#affinity.get(sessionId);
    let chosen: ReplicaState | undefined;
    let movedFrom: string | undefined;
    if (pinned?.healthy && !avoid.has(pinned.url)) {
      chosen = pinned;
      this.#remember(sessionId as string, pinned);
    } else {
      chosen = this.#leastOutstanding(avoid) ?? this.#leastOutstanding(new Set());
      if (chosen === undefined) return undefined;
      // A session whose replica is gone moves and stays; a retry elsewhere leaves a healthy replica its sessions.
      if (sessionId !== undefined && (pinned === undefined || !pinned.healthy)) {
        if (pinned !== undefined && pinned !== chosen) movedFrom = pinned.url;
        this.#remember(sessionId, chosen);
      }
    }
    const replica = chosen;
    replica.outstanding++;
    let released = false;
    return {
      url: replica.url,
      ...(movedFrom === undefined ? {} : { movedFrom }),
      release: () => {
        if (released) return;
        released = true;
        replica.outstanding--;
      },
    };
  }

  /** An attempt answered: the replica is alive. */
  reportSuccess(url: string): void {
    const replica = this.#byUrl.get(url);
    if (replica === undefined) return;
    replica.served++;
    this.#markHealthy(replica);
  }

  /**
   * An attempt failed with an infrastructure error: the replica is unhealthy until a probe says otherwise. It is
   * probed again soon, so one dropped connection (a server closing an idle one) keeps it out only briefly.
   */
  reportFailure(url: string, reason: string): void {
    const replica = this.#byUrl.get(url);
    if (replica === undefined) return;
    replica.failures++;
    replica.lastError = reason;
    if (!this.#checked || this.#closed.signal.aborted) return;
    if (replica.healthy) {
      replica.healthy = false;
      replica.unhealthySince = this.#now();
    }
    this.#timer.soon(() => this.#probe(replica));
  }

  /** Probes every replica once (a round already running is joined, not doubled). */
  probeAll(): Promise<void> {
    if (this.#round !== undefined) return this.#round;
    const round = Promise.all(this.#replicas.map((replica) => this.#probe(replica))).then(() => undefined);
    this.#round = round.finally(() => {
      this.#round = undefined;
    });
    return this.#round;
  }

  /** Forgets which replica a session is kept on. */
  forgetSession(sessionId: string): void {
    this.#affinity.delete(sessionId);
  }

  snapshot(): ReplicaHealthSnapshot {
    const sessions = new Map<ReplicaState, number>();
    for (const replica of this.#affinity.values()) sessions.set(replica, (sessions.get(replica) ?? 0) + 1);
    const iso = (time: number | undefined): string | undefined =>
      time === undefined ? undefined : new Date(time).toISOString();
    const replicas = this.#replicas.map((replica): ReplicaHealth => {
      const checkedAt = iso(replica.lastCheckedAt);
      const since = iso(replica.unhealthySince);
      return {
        url: replica.url,
        healthy: replica.healthy,
        outstanding: replica.outstanding,
        served: replica.served,
        failures: replica.failures,
        sessions: sessions.get(replica) ?? 0,
        ...(checkedAt === undefined ? {} : { lastCheckedAt: checkedAt }),
        ...(since === undefined ? {} : { unhealthySince: since }),
        ...(replica.lastError === undefined ? {} : { lastError: replica.lastError }),
      };
    });
    return {
      checked: this.#checked,
      healthy: replicas.filter((replica) => replica.healthy).length,
      total: replicas.length,
      replicas,
    };
  }

  /** Stops probing; a probe in flight is aborted. */
  close(): void {
    this.#schedule?.cancel();
    this.#closed.abort(new Error('The replica pool is closed.'));
  }

  /** Probes one replica (a probe of it in progress is joined). */
  #probe(replica: ReplicaState): Promise<void> {
    if (replica.probing !== undefined) return replica.probing;
    const probing = this.#probeNow(replica).finally(() => {
      replica.probing = undefined;
    });
    replica.probing = probing;
    return probing;
  }

  async #probeNow(replica: ReplicaState): Promise<void> {
    if (this.#closed.signal.aborted) return;
    let result: ProbeResult;
    try {
      result = await this.#options.probe(replica.url, this.#closed.signal);
    } catch (error) {
      result = { healthy: false, reason: error instanceof Error ? error.message : String(error) };
    }
    if (this.#closed.signal.aborted) return;
    replica.lastCheckedAt = this.#now();
    if (result.healthy) {
      this.#markHealthy(replica);
    } else if (this.#checked) {
      replica.lastError = `probe: ${result.reason ?? 'unhealthy'}`;
      if (replica.healthy) {
        replica.healthy = false;
        replica.unhealthySince = this.#now();
      }
    }
  }

  #markHealthy(replica: ReplicaState): void {
    replica.healthy = true;
    replica.unhealthySince = undefined;
  }

  #leastOutstanding(avoid: ReadonlySet<string>): ReplicaState | undefined {
    let best: ReplicaState | undefined;
    const count = this.#replicas.length;
    for (let offset = 0; offset < count; offset++) {
      const replica = this.#replicas[(this.#cursor + offset) % count] as ReplicaState;
      if (!replica.healthy || avoid.has(replica.url)) continue;
      if (best === undefined || replica.outstanding < best.outstanding) best = replica;
    }
    if (best !== undefined) this.#cursor = (this.#replicas.indexOf(best) + 1) % count;
    return best;
  }

  #remember(sessionId: string, replica: ReplicaState): void {
    this.#affinity.delete(sessionId);
    this.#affinity.set(sessionId, replica);
    if (this.#affinity.size > this.#affinityLimit) {
      const oldest = this.#affinity.keys().next().value;
      if (oldest !== undefined) this.#affinity.delete(oldest);
    }
  }
}
