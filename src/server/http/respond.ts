import type { Context } from 'hono';
import { type AgentWorldError, toAgentWorldError } from '../../core/errors.js';

/** The JSON error body with the code's HTTP status (or `status` where the wire needs another, e.g. 413). */
export function errorResponse(context: Context, error: unknown, status?: number): Response {
  const failure: AgentWorldError = toAgentWorldError(error);
  return context.json(failure.toJSON(), (status ?? failure.httpStatus) as 400);
}
