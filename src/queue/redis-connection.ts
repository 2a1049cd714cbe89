/**
 * Connections to the Redis that holds the job queue. Workers and followers reconnect forever (a Redis restart is
 * survived); a command that enqueues first checks, once and quickly, that Redis answers, so a Redis that is down
 * is reported as QUEUE_UNAVAILABLE instead of a hang.
 */
import { Redis } from 'ioredis';
import { type CallOptions, throwIfAborted } from '../core/abort.js';
import { AgentWorldError } from '../core/errors.js';
import { redactUrlPassword } from '../core/redact-url.js';

/** The URL with its password replaced by `***` (for messages and logs). */
export function redactQueueUrl(url: string): string {
  return redactUrlPassword(url).replace(/\/$/, '');
}

/** Refuses anything but `redis://` and `rediss://` URLs with CONFIG_INVALID. */
export function requireQueueUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AgentWorldError(
      'CONFIG_INVALID',
      `--queue must be a redis:// URL, got ${JSON.stringify(url)}.`,
    );
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
    throw new AgentWorldError(
      'CONFIG_INVALID',
      `--queue must be a redis:// or rediss:// URL, got ${parsed.protocol}//…`,
    );
  return url;
}

/** QUEUE_UNAVAILABLE (retryable) naming the queue and why. */
export function queueUnavailable(url: string, cause: unknown): AgentWorldError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new AgentWorldError(
    'QUEUE_UNAVAILABLE',
    `The job queue at ${redactQueueUrl(url)} could not be reached (${reason}). Is redis-server running there? (e.g. \`redis-server --port 6379 --appendonly yes\`)`,
    { cause, details: { queue: redactQueueUrl(url) } },
  );
}

/** Delay before the n-th reconnection attempt: 100 ms doubling up to 5 s, forever. */
export function reconnectDelay(attempt: number): number {
  return Math.min(100 * 2 ** Math.min(attempt, 6), 5_000);
}

/** A connection that reconnects forever and never fails a command for being offline (BullMQ workers need this). */
export function openDurableRedis(url: string): Redis {
  return new Redis(requireQueueUrl(url), {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: reconnectDelay,
  });
}

/** Resolves when Redis answers PING; QUEUE_UNAVAILABLE when it does not within `timeoutMs` (default 3 s). */
export async function checkQueueReachable(
  url: string,
  options: CallOptions & { readonly timeoutMs?: number } = {},
): Promise<void> {
  throwIfAborted(options.signal);
  const client = new Redis(requireQueueUrl(url), {
    lazyConnect: true,
    connectTimeout: options.timeoutMs ?? 3_000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw queueUnavailable(url, error);
  } finally {
    client.disconnect();
  }
}
