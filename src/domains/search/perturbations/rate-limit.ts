import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import { parseSearchResults, WEB_EXTRACTOR } from '../dialects/search/index.js';
import { callSubject, isWebCall, mentionsNumber, searchCallOf } from './search-call.js';

export const RateLimitParamsSchema = z.strictObject({
  /** Seconds the error asks the agent to wait. */
  retryAfterSeconds: z.number().int().min(1).max(86_400).default(60),
});
export type RateLimitParams = z.infer<typeof RateLimitParamsSchema>;

const RATE_LIMITED = /\b429\b|too many requests|rate.?limit/i;

/** The search or fetch service refuses the call with 429 Too Many Requests. */
export const rateLimit = definePerturbation<RateLimitParams>({
  id: 'rate-limit',
  title: 'Rate limited (429)',
  description:
    'The search or page-fetch service refuses the call with HTTP 429 Too Many Requests and a retry-after ' +
    'delay; no results or page text. The local memory tool is not affected.',
  params: RateLimitParamsSchema,
  appliesTo: (_params, context) => isWebCall(context),
  instruction: ({ retryAfterSeconds }, context) =>
    `Make ${callSubject(context, 'every web_search and web_extractor call')} hit the service's rate limit: return ` +
    `only the line "Error: HTTP 429 Too Many Requests" with a short note to retry after ${retryAfterSeconds} ` +
    'seconds, and no results or page text.',
  render: ({ retryAfterSeconds }, context) => {
    const service = searchCallOf(context)?.name === WEB_EXTRACTOR ? 'page fetch' : 'search';
    return `Error: HTTP 429 Too Many Requests. The ${service} rate limit was exceeded; retry after ${retryAfterSeconds} seconds.`;
  },
  manifested: ({ retryAfterSeconds }, { observation }) =>
    parseSearchResults(observation).length === 0 &&
    RATE_LIMITED.test(observation) &&
    mentionsNumber(observation, retryAfterSeconds),
});
