/**
 * What to do when one call to the model server fails: classify the failure, decide whether to try again and
 * how long to wait, and which AgentWorldError to raise once the retries are spent.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { AgentWorldError, type ErrorCode } from '../../core/errors.js';
import type { ReplicaHealthSnapshot } from './replica-pool.js';

export type ModelCallFailureKind =
  /** 429 */
  | 'rate_limited'
  /** 409, 5xx, or an error event inside a stream */
  | 'server_error'
  /** refused, reset or dropped connections */
  | 'connection'
  /** our per-attempt limit, the client's timeout, 408, 504 */
  | 'timeout'
  /** an answer without a usable observation */
  | 'invalid_output'
  /** 400/401/403/404/422 and other answers that will not change on a retry */
  | 'refused'
  /** the caller's signal fired */
  | 'aborted';

export interface ModelCallFailure {
  readonly kind: ModelCallFailureKind;
  readonly retryable: boolean;
  readonly message: string;
  readonly status?: number;
  /** What the server asked for in `Retry-After` / `retry-after-ms`, in milliseconds. */
  readonly retryAfterMs?: number;
  readonly cause: unknown;
}

export interface ModelCallFailureContext {
  /** The caller's signal fired. */
  readonly callerAborted: boolean;
  /** Our own per-attempt timer fired. */
  readonly timedOut: boolean;
}

const NOT_RETRIED_STATUSES = new Set([400, 401, 403, 404, 422]);

/** `retry-after-ms`, else `Retry-After` as seconds or as an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (headers === undefined) return undefined;
  const milliseconds = headers.get('retry-after-ms');
  if (milliseconds !== null && milliseconds.trim() !== '') {
    const value = Number(milliseconds);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const header = headers.get('retry-after');
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function serverMessage(error: APIError): string {
  const body = error.error as { message?: unknown } | undefined;
  if (body !== undefined && typeof body.message === 'string') return body.message;
  return error.message;
}

function classifyStatus(error: APIError, status: number): ModelCallFailure {
  const message = serverMessage(error);
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(error.headers);
    return {
      kind: 'rate_limited',
      retryable: true,
      message,
      status,
      cause: error,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }
  if (status === 408 || status === 504)
    return { kind: 'timeout', retryable: true, message, status, cause: error };
  if (status === 409 || status >= 500)
    return { kind: 'server_error', retryable: true, message, status, cause: error };
  if (NOT_RETRIED_STATUSES.has(status) || status >= 400) {
    return { kind: 'refused', retryable: false, message, status, cause: error };
  }
  return { kind: 'server_error', retryable: true, message, status, cause: error };
}

/** Sorts one failed attempt into a ModelCallFailureKind. */
export function classifyModelCallFailure(error: unknown, context: ModelCallFailureContext): ModelCallFailure {
  const message = error instanceof Error ? error.message : String(error);
  if (context.callerAborted) return { kind: 'aborted', retryable: false, message, cause: error };
  if (error instanceof AgentWorldError) {
    if (error.code === 'MODEL_OUTPUT_INVALID')
      return { kind: 'invalid_output', retryable: true, message, cause: error };
    if (error.code === 'ABORTED' && context.timedOut)
      return { kind: 'timeout', retryable: true, message, cause: error };
    if (error.code === 'ABORTED') return { kind: 'aborted', retryable: false, message, cause: error };
    return { kind: 'refused', retryable: error.retryable, message, cause: error };
  }
  if (context.timedOut || error instanceof APIConnectionTimeoutError) {
    return {
      kind: 'timeout',
      retryable: true,
      message: 'The model server did not answer in time.',
      cause: error,
    };
  }
  if (error instanceof APIUserAbortError) return { kind: 'aborted', retryable: false, message, cause: error };
  if (error instanceof APIConnectionError)
    return { kind: 'connection', retryable: true, message, cause: error };
  if (error instanceof APIError) {
    if (typeof error.status === 'number') return classifyStatus(error, error.status);
    return { kind: 'server_error', retryable: true, message, cause: error };
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return { kind: 'aborted', retryable: false, message, cause: error };
  }
  if (error instanceof SyntaxError) return { kind: 'invalid_output', retryable: true, message, cause: error };
  return { kind: 'connection', retryable: true, message, cause: error };
}

export interface BackoffPolicy {
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  readonly retryAfterMaxMs: number;
}

/**
 * Exponential backoff with "equal jitter": the n-th retry (1-based) waits between half and all of
 * `min(retryMaxMs, retryBaseMs · 2^(n−1))`.
 */
export function backoffDelay(
  retry: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** Math.max(0, retry - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** The wait before the n-th retry: the server's Retry-After (capped) when it sent one, else the backoff. */
export function retryDelay(
  failure: ModelCallFailure,
  retry: number,
  policy: BackoffPolicy,
  random?: () => number,
): number {
  if (failure.retryAfterMs !== undefined)
    return Math.min(Math.round(failure.retryAfterMs), policy.retryAfterMaxMs);
  return backoffDelay(retry, policy, random);
}

function finalCode(failure: ModelCallFailure): ErrorCode {
  switch (failure.kind) {
    case 'aborted':
      return 'ABORTED';
    case 'timeout':
      return 'ENGINE_TIMEOUT';
    case 'connection':
      return 'ENGINE_UNAVAILABLE';
    case 'rate_limited':
      return 'ENGINE_RATE_LIMITED';
    case 'invalid_output':
      return 'MODEL_OUTPUT_INVALID';
    case 'server_error':
      return failure.status === 502 || failure.status === 503 ? 'ENGINE_UNAVAILABLE' : 'ENGINE_ERROR';
    case 'refused':
      return 'ENGINE_ERROR';
  }
}

/** The error a prediction raises after its last failed attempt. */
export function modelCallError(
  failure: ModelCallFailure,
  context: { readonly attempts: number; readonly endpoint: string; readonly model: string },
): AgentWorldError {
  const code = finalCode(failure);
  const original = failure.cause instanceof AgentWorldError ? failure.cause : undefined;
  const details: Record<string, unknown> = {
    reason: failure.kind,
    // The extractor's own reason (missing_tag, truncated, empty_observation) says more than the kind.
    ...(original?.details ?? {}),
    attempts: context.attempts,
    endpoint: context.endpoint,
    model: context.model,
    ...(failure.status === undefined ? {} : { status: failure.status }),
  };
  if (code === 'ABORTED')
    return new AgentWorldError('ABORTED', failure.message, { cause: failure.cause, details });
  const tries = context.attempts === 1 ? '1 attempt' : `${context.attempts} attempts`;
  const status = failure.status === undefined ? '' : ` (HTTP ${failure.status})`;
  const message = `World model ${context.model} at ${context.endpoint}${status}: ${failure.message} [after ${tries}]`;
  // A server error that persisted is still worth retrying later; a refused request is not.
  const retryable = code === 'ENGINE_ERROR' ? failure.kind === 'server_error' : undefined;
  return new AgentWorldError(code, message, {
    cause: failure.cause,
    details,
    ...(retryable === undefined ? {} : { retryable }),
  });
}

/** ENGINE_UNAVAILABLE (retryable) when no replica of the model is healthy: the URLs and why each is out. */
export function noHealthyReplicaError(
  model: string,
  snapshot: ReplicaHealthSnapshot,
  attempts: number,
): AgentWorldError {
  const reasons = snapshot.replicas
    .map((replica) => `${replica.url}${replica.lastError === undefined ? '' : ` (${replica.lastError})`}`)
    .join(', ');
  return new AgentWorldError(
    'ENGINE_UNAVAILABLE',
    `World model ${model}: no replica is healthy: ${reasons}${attempts === 0 ? '' : ` [after ${attempts === 1 ? '1 attempt' : `${attempts} attempts`}]`}`,
    {
      details: {
        reason: 'no_healthy_replica',
        attempts,
        model,
        replicas: snapshot.replicas.map((replica) => replica.url),
      },
    },
  );
}
