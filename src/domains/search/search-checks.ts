import type { CheckResult } from '../../core/turn.js';
import type { SearchAction } from './dialects/search/index.js';
import {
  looksLikeErrorMessage,
  looksLikeNoResults,
  type ParsedSearchResult,
  parseSearchResults,
  searchQueriesOf,
  WEB_SEARCH,
} from './dialects/search/index.js';
import { looksLikeUrl } from './url-key.js';

export const SEARCH_FORMAT_CHECK = 'search-format';
export const SEARCH_COUNT_CHECK = 'search-count';

/** Results of a search observation, or why the format checks do not apply to it. */
type SearchReading = { readonly results: ParsedSearchResult[] } | { readonly skip: string };

function readSearch(action: SearchAction, observation: string): SearchReading {
  if (action.name !== WEB_SEARCH) return { skip: 'not a web_search call' };
  const results = parseSearchResults(observation);
  if (results.length > 0) return { results };
  if (looksLikeNoResults(observation)) return { skip: 'no-results message' };
  if (looksLikeErrorMessage(observation)) return { skip: 'error message' };
  return { results };
}

/** `[k] url` / `Title:` / `Snippet:` (/ `Date:`) blocks, numbered 1..n without gaps. */
export function searchFormatCheck(action: SearchAction, observation: string): CheckResult {
  const reading = readSearch(action, observation);
  if ('skip' in reading) return { id: SEARCH_FORMAT_CHECK, status: 'skip', message: reading.skip };
  const problem = formatProblem(reading.results);
  return problem === undefined
    ? { id: SEARCH_FORMAT_CHECK, status: 'pass' }
    : { id: SEARCH_FORMAT_CHECK, status: 'fail', message: problem };
}

function formatProblem(results: readonly ParsedSearchResult[]): string | undefined {
  if (results.length === 0) return 'no numbered result blocks ([1] <url>) found';
  for (const [position, result] of results.entries()) {
    if (result.index !== position + 1) {
      return `results must be numbered 1..${results.length} in order; expected [${position + 1}], found [${result.index}]`;
    }
    if (!looksLikeUrl(result.url)) return `result [${result.index}] does not start with a URL`;
    if (result.title === undefined) return `result [${result.index}] has no Title: line`;
    if (result.snippet === undefined) return `result [${result.index}] has no Snippet: line`;
  }
  return undefined;
}

/**
 * At most `resultsPerQuery` results for every query of the call, and at least one. A real engine shows fewer when
 * fewer documents match (a web search engine's organic results often number 8 or 9; the real search engine over a
 * small corpus, a single hit), so only more than the harness asks for, or none at all, is wrong.
 */
export function searchCountCheck(
  action: SearchAction,
  observation: string,
  resultsPerQuery: number,
): CheckResult {
  const reading = readSearch(action, observation);
  if ('skip' in reading) return { id: SEARCH_COUNT_CHECK, status: 'skip', message: reading.skip };
  const queries = searchQueriesOf(action).length;
  if (queries === 0)
    return { id: SEARCH_COUNT_CHECK, status: 'skip', message: 'the call names no readable queries' };
  const expected = queries * resultsPerQuery;
  const found = reading.results.length;
  if (found >= 1 && found <= expected) return { id: SEARCH_COUNT_CHECK, status: 'pass' };
  return {
    id: SEARCH_COUNT_CHECK,
    status: 'fail',
    message: `expected at most ${expected} results (${resultsPerQuery} for each of ${queries} ${queries === 1 ? 'query' : 'queries'}), found ${found}`,
  };
}
