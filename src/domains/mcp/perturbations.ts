import type { AnyPerturbationDefinition } from '../../core/perturbation.js';
import { emptyResult } from './perturbations/empty-result.js';
import { expiredAuth } from './perturbations/expired-auth.js';
import { intermittent5xx } from './perturbations/intermittent-5xx.js';
import { paginatedResults } from './perturbations/paginated-results.js';
import { partialBatchFailure } from './perturbations/partial-batch-failure.js';
import { rateLimit } from './perturbations/rate-limit.js';
import { schemaDrift } from './perturbations/schema-drift.js';
import { slowTimeout } from './perturbations/slow-timeout.js';

export {
  EmptyResultParamsSchema,
  emptyResult as mcpEmptyResult,
} from './perturbations/empty-result.js';
export { ExpiredAuthParamsSchema, expiredAuth as mcpExpiredAuth } from './perturbations/expired-auth.js';
export {
  Intermittent5xxParamsSchema,
  intermittent5xx as mcpIntermittent5xx,
} from './perturbations/intermittent-5xx.js';
export {
  PaginatedResultsParamsSchema,
  paginatedResults as mcpPaginatedResults,
} from './perturbations/paginated-results.js';
export {
  PartialBatchFailureParamsSchema,
  partialBatchFailure as mcpPartialBatchFailure,
} from './perturbations/partial-batch-failure.js';
export { RateLimitParamsSchema, rateLimit as mcpRateLimit } from './perturbations/rate-limit.js';
export { SchemaDriftParamsSchema, schemaDrift as mcpSchemaDrift } from './perturbations/schema-drift.js';
export { SlowTimeoutParamsSchema, slowTimeout as mcpSlowTimeout } from './perturbations/slow-timeout.js';

/**
 * The mcp domain's perturbation catalog: failures of the service behind a tool (5xx, 429, 401, timeouts) as
 * tool error results, and result-shape conditions (pagination, partial batches, schema drift, empty results).
 */
export const mcpPerturbations: readonly AnyPerturbationDefinition[] = [
  intermittent5xx,
  rateLimit,
  paginatedResults,
  partialBatchFailure,
  expiredAuth,
  slowTimeout,
  schemaDrift,
  emptyResult,
];
