import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import { callSubject } from './mcp-call.js';
import { isToolErrorResult, mentionsNumber } from './tool-error.js';

export const RateLimitParamsSchema = z.strictObject({
  /** Seconds the error tells the client to wait before retrying. */
  retryAfterSeconds: z.number().int().min(1).max(86_400).default(30),
});
export type RateLimitParams = z.infer<typeof RateLimitParamsSchema>;

const RATE_LIMITED = /\b429\b|too many requests|rate.?limit/i;

/** The API behind the tool refuses the call with 429 Too Many Requests and a retry-after delay. */
export const rateLimit = definePerturbation<RateLimitParams>({
  id: 'rate-limit',
  title: 'Rate limited (429)',
  description:
    'The API behind the tool refuses the call with HTTP 429 Too Many Requests and says how many seconds to wait ' +
    'before retrying; the call has no effect.',
  params: RateLimitParamsSchema,
  instruction: ({ retryAfterSeconds }, context) =>
    `Make ${callSubject(context)} hit the API's rate limit: return only a tool error result whose text starts ` +
    `with "Error: HTTP 429 Too Many Requests" and tells the client to retry after ${retryAfterSeconds} seconds. ` +
    'The call has no effect.',
  render: ({ retryAfterSeconds }) =>
    `Error: HTTP 429 Too Many Requests: rate limit exceeded for this client. Retry after ${retryAfterSeconds} seconds.`,
  manifested: ({ retryAfterSeconds }, { observation }) =>
    isToolErrorResult(observation) &&
    RATE_LIMITED.test(observation) &&
    mentionsNumber(observation, retryAfterSeconds),
});
