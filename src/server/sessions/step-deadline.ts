import { AgentWorldError, isAgentWorldError } from '../../core/errors.js';

/**
 * Runs one step under a time limit combined with the caller's signal (e.g. a client that disconnects): `work`
 * gets one plain signal, with a timer and a listener that both go when the step ends. (AbortSignal.timeout keeps
 * each step's signal alive until the limit passes, and on Node 20 a signal from AbortSignal.any that gets an
 * abort listener stays alive until it aborts.) A step cut off by the limit fails with ENGINE_TIMEOUT; one cut off
 * by the caller stays ABORTED.
 */
export async function withStepDeadline<T>(
  timeoutMs: number,
  callerSignal: AbortSignal | undefined,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onCallerAbort = (): void => controller.abort(callerSignal?.reason);
  if (callerSignal?.aborted === true) onCallerAbort();
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  try {
    return await work(controller.signal);
  } catch (error) {
    throw explainAbort(error, timedOut, callerSignal, timeoutMs);
  } finally {
    clearTimeout(timer);
    callerSignal?.removeEventListener('abort', onCallerAbort);
  }
}

function explainAbort(
  error: unknown,
  timedOut: boolean,
  callerSignal: AbortSignal | undefined,
  timeoutMs: number,
): unknown {
  if (!timedOut || callerSignal?.aborted === true) return error;
  if (isAgentWorldError(error, 'ABORTED') || (error instanceof Error && error.name === 'AbortError')) {
    return new AgentWorldError('ENGINE_TIMEOUT', `The step did not finish within ${timeoutMs / 1000} s.`, {
      cause: error,
      details: { timeoutMs },
    });
  }
  return error;
}
