import type { AnyPerturbationDefinition } from '../../core/perturbation.js';
import { captchaBlock } from './perturbations/captcha-block.js';
import { inaccessiblePage } from './perturbations/inaccessible-page.js';
import { noResults } from './perturbations/no-results.js';
import { rateLimit } from './perturbations/rate-limit.js';
import { staleResults } from './perturbations/stale-results.js';
import { teasingResults } from './perturbations/teasing-results.js';
import { truncatedPage } from './perturbations/truncated-page.js';

export {
  CaptchaBlockParamsSchema,
  captchaBlock as searchCaptchaBlock,
} from './perturbations/captcha-block.js';
export {
  InaccessiblePageParamsSchema,
  inaccessiblePage as searchInaccessiblePage,
} from './perturbations/inaccessible-page.js';
export { NoResultsParamsSchema, noResults as searchNoResults } from './perturbations/no-results.js';
export {
  RateLimitParamsSchema as SearchRateLimitParamsSchema,
  rateLimit as searchRateLimit,
} from './perturbations/rate-limit.js';
export {
  StaleResultsParamsSchema,
  staleCutoffYear,
  staleResults as searchStaleResults,
} from './perturbations/stale-results.js';
export {
  TeasingResultsParamsSchema,
  teasingResults as searchTeasingResults,
} from './perturbations/teasing-results.js';
export {
  TruncatedPageParamsSchema,
  truncatedPage as searchTruncatedPage,
} from './perturbations/truncated-page.js';

/**
 * The search domain's perturbation catalog: searches that find nothing, tease or are stale; pages that cannot be
 * read or come back cut short; and the service refusing calls (rate limit, CAPTCHA).
 */
export const searchPerturbations: readonly AnyPerturbationDefinition[] = [
  noResults,
  inaccessiblePage,
  rateLimit,
  teasingResults,
  staleResults,
  captchaBlock,
  truncatedPage,
];
