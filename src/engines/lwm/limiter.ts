import pLimit, { type LimitFunction } from 'p-limit';
import { throwIfAborted } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';
import { endpointKey } from './options.js';

/** A concurrency limit shared by every engine that talks to one endpoint. */
export interface EndpointLimiter {
  readonly endpoint: string;
  /** The current limit: the largest any engine of this endpoint asked for. */
  readonly concurrency: number;
  readonly active: number;
  readonly pending: number;
  /** Runs `task` once a slot is free; gives up waiting (ABORTED) as soon as `signal` fires. */
  run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T>;
}

/**
 * One limiter per endpoint for the life of the process: bounded by the endpoints engines are configured with
 * (never by sessions or requests; an idle limiter holds no tasks).
 */
const limits = new Map<string, LimitFunction>();

/**
 * The limiter of an endpoint (keyed by base URL without trailing slashes). The first engine sizes it; a later
 * engine asking for more raises the limit to its number, one asking for less leaves it as it is.
 */
export function endpointLimiter(baseUrl: string, concurrency: number): EndpointLimiter {
  const endpoint = endpointKey(baseUrl);
  let limit = limits.get(endpoint);
  if (limit === undefined) {
    limit = pLimit(concurrency);
    limits.set(endpoint, limit);
  } else if (concurrency > limit.concurrency) {
    limit.concurrency = concurrency;
  }
  const shared = limit;
  return {
    endpoint,
    get concurrency() {
      return shared.concurrency;
    },
    get active() {
      return shared.activeCount;
    },
    get pending() {
      return shared.pendingCount;
    },
    run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      throwIfAborted(signal);
      if (signal === undefined) return shared(task);
      return new Promise<T>((resolve, reject) => {
        let gaveUp = false;
        const onAbort = (): void => {
          gaveUp = true;
          reject(
            new AgentWorldError('ABORTED', `Aborted while waiting for a free slot at ${endpoint}.`, {
              cause: signal.reason,
            }),
          );
        };
        signal.addEventListener('abort', onAbort, { once: true });
        void shared(async () => {
          // Given up while queued: hand the slot straight on.
          if (gaveUp) return;
          signal.removeEventListener('abort', onAbort);
          try {
            resolve(await task());
          } catch (error) {
            reject(error);
          }
        });
      });
    },
  };
}
