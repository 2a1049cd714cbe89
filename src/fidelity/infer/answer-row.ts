import { type CallOptions, sleep, throwIfAborted } from '../../core/abort.js';
import { AgentWorldError, isAgentWorldError } from '../../core/errors.js';
import {
  type BackoffPolicy,
  classifyModelCallFailure,
  modelCallError,
  retryDelay,
} from '../../engines/lwm/retry.js';
import type { BenchRow } from '../schemas.js';
import type { BenchMessage, RawGeneration, RowAnswerer } from './answerer.js';

export interface RetryPolicy extends BackoffPolicy {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** Limit of one attempt. */
  readonly timeoutMs: number;
}

export interface AnsweredRow {
  readonly generation: RawGeneration;
  readonly attempts: number;
}

/** Thrown when a row's retries are spent; says how many attempts were made. */
export class RowFailure extends Error {
  constructor(
    readonly error: AgentWorldError,
    readonly attempts: number,
  ) {
    super(error.message, { cause: error });
  }
}

/**
 * An answer with no content is no generation (the reference marks the row failed): a reasoning model cut off
 * inside its thinking (`finish_reason: "length"`) is reported as truncated and not retried (a retry would run
 * into the same budget); otherwise it is retried as an unusable answer.
 */
function requireContent(generation: RawGeneration): RawGeneration {
  if (generation.content.length > 0) return generation;
  const truncated = generation.finishReason === 'length';
  throw new AgentWorldError(
    'MODEL_OUTPUT_INVALID',
    truncated
      ? 'The model ran out of tokens before answering (finish_reason "length", empty content): raise --max-tokens.'
      : 'The model answered with empty content.',
    {
      details: {
        reason: truncated ? 'truncated' : 'empty_content',
        ...(generation.finishReason === undefined ? {} : { finishReason: generation.finishReason }),
      },
      retryable: !truncated,
    },
  );
}

/**
 * Answers one row: attempts under a per-attempt timeout, retried with the lwm engine's failure classification
 * and backoff (Retry-After honoured). Throws RowFailure once retries are spent or the failure is not retryable,
 * and ABORTED as soon as the caller's signal fires.
 */
export async function answerRow(
  answerer: RowAnswerer,
  row: BenchRow,
  messages: readonly BenchMessage[],
  policy: RetryPolicy,
  options: CallOptions = {},
  endpoint = answerer.manifest.baseUrl ?? answerer.manifest.engine,
): Promise<AnsweredRow> {
  const signal = options.signal;
  for (let attempt = 1; ; attempt++) {
    throwIfAborted(signal);
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`no complete answer within ${policy.timeoutMs} ms`));
    }, policy.timeoutMs);
    const forwardAbort = (): void => controller.abort(signal?.reason);
    signal?.addEventListener('abort', forwardAbort, { once: true });
    try {
      const generation = requireContent(await answerer.answer(row, messages, { signal: controller.signal }));
      return { generation, attempts: attempt };
    } catch (error) {
      // A row the engine does not cover (a session engine's UNSUPPORTED) keeps its code and is never retried.
      if (isAgentWorldError(error, 'UNSUPPORTED') && signal?.aborted !== true) {
        throw new RowFailure(
          new AgentWorldError('UNSUPPORTED', error.message, { details: error.details, retryable: false }),
          attempt,
        );
      }
      const failure = classifyModelCallFailure(error, { callerAborted: signal?.aborted === true, timedOut });
      if (failure.kind === 'aborted')
        throw modelCallError(failure, { attempts: attempt, endpoint, model: answerer.manifest.name });
      const retryable = failure.retryable && !(error instanceof AgentWorldError && !error.retryable);
      if (!retryable || attempt > policy.maxRetries) {
        const final = modelCallError(failure, { attempts: attempt, endpoint, model: answerer.manifest.name });
        // A failure that was not worth retrying now is not worth retrying on resume either.
        const error =
          retryable || !final.retryable
            ? final
            : new AgentWorldError(final.code, final.message, {
                details: final.details,
                cause: final.cause,
                retryable: false,
              });
        throw new RowFailure(error, attempt);
      }
      await sleep(retryDelay(failure, attempt, policy), signal);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', forwardAbort);
    }
  }
}
