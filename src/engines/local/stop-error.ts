import { AgentWorldError } from '../../core/errors.js';

/**
 * Why a prediction stopped early: our own time limit (ENGINE_TIMEOUT, unless the caller aborted as well) or the
 * caller's signal (ABORTED, carrying its reason).
 */
export function stopError(
  timedOut: boolean,
  callerSignal: AbortSignal | undefined,
  timeoutMs: number,
): AgentWorldError {
  if (timedOut && callerSignal?.aborted !== true) {
    return new AgentWorldError('ENGINE_TIMEOUT', `The local model did not answer within ${timeoutMs} ms.`, {
      details: { timeoutMs },
    });
  }
  return new AgentWorldError('ABORTED', 'The caller aborted the prediction.', {
    cause: callerSignal?.reason,
  });
}
