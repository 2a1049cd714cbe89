/**
 * Health of one model replica: the probe (`GET {baseUrl}/models`), which failed requests say a replica is down,
 * and the timer that runs the probes (injectable, so tests decide when a probe round happens).
 */
import type { ModelCallFailure } from './retry.js';

/** What one probe found. */
export interface ProbeResult {
  readonly healthy: boolean;
  /** The HTTP status, when the replica answered. */
  readonly status?: number;
  /** Why the replica counts as unhealthy. */
  readonly reason?: string;
}

export interface ProbeOptions {
  readonly fetch: typeof fetch;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
}

/** Connection errors a kept-alive socket the server closed meanwhile gives: worth one more try on a new one. */
const STALE_CONNECTION_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

/**
 * Probes a replica with `GET {baseUrl}/models`. Any answer below 500 counts as alive (a 401 means the server runs
 * and will say so on the real request); 5xx, a refused connection and no answer within `timeoutMs` do not. A
 * reused connection the server had closed is tried once more, so an idle-connection timeout is no outage.
 */
export async function probeReplica(baseUrl: string, options: ProbeOptions): Promise<ProbeResult> {
  const first = await probeOnce(baseUrl, options);
  if (first.healthy || first.reason === undefined || !STALE_CONNECTION_CODES.has(first.reason)) return first;
  if (options.signal?.aborted) return first;
  return probeOnce(baseUrl, options);
}

async function probeOnce(baseUrl: string, options: ProbeOptions): Promise<ProbeResult> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new Error(`no answer within ${options.timeoutMs} ms`)),
    options.timeoutMs,
  );
  const forwardAbort = (): void => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) forwardAbort();
  else options.signal?.addEventListener('abort', forwardAbort, { once: true });
  try {
    const response = await options.fetch(`${baseUrl.replace(/\/+$/, '')}/models`, {
      method: 'GET',
      headers: { ...options.headers },
      signal: controller.signal,
    });
    // The body is not needed; reading it frees the connection for reuse.
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 500) {
      return { healthy: false, status: response.status, reason: `HTTP ${response.status}` };
    }
    return { healthy: true, status: response.status };
  } catch (error) {
    if (controller.signal.aborted && !options.signal?.aborted) {
      return { healthy: false, reason: `no answer within ${options.timeoutMs} ms` };
    }
    const cause = (error as { cause?: { code?: unknown } }).cause;
    const code = typeof cause?.code === 'string' ? cause.code : undefined;
    return { healthy: false, reason: code ?? (error instanceof Error ? error.message : String(error)) };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', forwardAbort);
  }
}

/**
 * Whether a failed request says the replica itself is in trouble: a refused or dropped connection, no answer in
 * time, or a 5xx. A 4xx, a 429, an unusable answer or the caller's abort say nothing about the replica.
 */
export function isInfrastructureFailure(failure: ModelCallFailure): boolean {
  switch (failure.kind) {
    case 'connection':
    case 'timeout':
      return true;
    case 'server_error':
      return failure.status === undefined || failure.status >= 500;
    default:
      return false;
  }
}

/** Runs a task every so often until cancelled, and single tasks soon: the probe schedule. Tests tick one by hand. */
export interface HealthTimer {
  every(intervalMs: number, task: () => Promise<void>): { cancel(): void };
  /** Runs a task soon, once (the re-probe of a replica a request just failed on). */
  soon(task: () => Promise<void>): void;
}

/** The real schedule: `setInterval`, unref'd so probing never keeps a process alive. */
export const intervalHealthTimer: HealthTimer = {
  every(intervalMs, task) {
    const handle = setInterval(() => void task(), intervalMs);
    handle.unref();
    return { cancel: () => clearInterval(handle) };
  },
  soon(task) {
    setImmediate(() => void task());
  },
};

/**
 * A timer ticked by hand: `tick()` runs every scheduled task once and resolves when they are done. For tests and
 * for callers that probe on their own schedule.
 */
export class ManualHealthTimer implements HealthTimer {
  readonly #tasks = new Set<() => Promise<void>>();
  #soon: (() => Promise<void>)[] = [];

  every(_intervalMs: number, task: () => Promise<void>): { cancel(): void } {
    this.#tasks.add(task);
    return { cancel: () => this.#tasks.delete(task) };
  }

  soon(task: () => Promise<void>): void {
    this.#soon.push(task);
  }

  /** How many schedules are running (0 once the engine is closed). */
  get scheduled(): number {
    return this.#tasks.size;
  }

  /** Tasks waiting for the next tick to run once. */
  get pending(): number {
    return this.#soon.length;
  }

  /** Runs the tasks asked for with `soon`, then every scheduled task once; resolves when all are done. */
  async tick(): Promise<void> {
    const once = this.#soon;
    this.#soon = [];
    await Promise.all([...once, ...this.#tasks].map((task) => task()));
  }
}
