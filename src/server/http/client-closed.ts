import { AgentWorldError, toAgentWorldError } from '../../core/errors.js';

/**
 * What a failed request becomes when its client has gone: ABORTED, whose status 499 is nginx's "client closed
 * request". Nobody receives that answer; it keeps `/metrics` honest, so a client that hangs up mid-upload or
 * mid-step counts as status 499, not as a server failure (500). The client has gone when the request's signal
 * is aborted (the adapter aborts it when the connection closes early) or the body stream failed with
 * ECONNRESET (which may come first).
 */
export function failureOf(request: Request, error: unknown): AgentWorldError {
  if (request.signal.aborted || errorCodeOf(error) === 'ECONNRESET') {
    return new AgentWorldError('ABORTED', 'The client closed the connection before the answer.', {
      cause: error,
    });
  }
  return toAgentWorldError(error);
}

function errorCodeOf(error: unknown): unknown {
  return error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
}
