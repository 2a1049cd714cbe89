import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import { looksLikeNoResults, parseSearchResults } from '../dialects/search/index.js';
import { callSubject, isSearchCall, queriesOf } from './search-call.js';

export const NoResultsParamsSchema = z.strictObject({});
export type NoResultsParams = z.infer<typeof NoResultsParamsSchema>;

/** The search engine finds nothing for the query: one line per query instead of result blocks. */
export const noResults = definePerturbation<NoResultsParams>({
  id: 'no-results',
  title: 'No search results',
  description:
    'A web_search finds nothing: for each query one line saying no results were found, and no result blocks.',
  params: NoResultsParamsSchema,
  appliesTo: (_params, context) => isSearchCall(context),
  instruction: (_params, context) =>
    `Make ${callSubject(context, 'every web_search')} find nothing: for each query answer with exactly one line ` +
    '`No results found for "<query>".` and no numbered result blocks.',
  render: (_params, context) => {
    const queries = queriesOf(context);
    if (queries.length === 0) return 'No results found.';
    return queries.map((query) => `No results found for ${JSON.stringify(query)}.`).join('\n');
  },
  manifested: (_params, { observation }) =>
    parseSearchResults(observation).length === 0 && looksLikeNoResults(observation),
});
