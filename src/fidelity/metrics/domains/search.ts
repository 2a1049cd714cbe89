import {
  parseSearchResults,
  type SearchLedger,
  summarizeSearchLedger,
} from '../../../domains/search/index.js';
import { type DomainMetrics, pickFields } from '../domain-metrics.js';
import { contentLines, multisetF1 } from '../structural/multiset-f1.js';

/**
 * Search: structure is an F1 over the numbered result entries (url and title) when either side lists results,
 * a line-level F1 for pages and memory replies; state is what the ledger learns from results: the pages seen
 * (url, title) and the result count of each search (queries and memory are the action's own).
 */
export const searchMetrics: DomainMetrics = {
  domain: 'search',
  specFromRow: (_row, _turns, dialect) => ({ domain: 'search', dialect }),
  structural(truth, prediction) {
    const truthResults = parseSearchResults(truth);
    const predictedResults = parseSearchResults(prediction);
    if (truthResults.length === 0 && predictedResults.length === 0) {
      return { kind: 'lines', score: multisetF1(contentLines(truth), contentLines(prediction)) };
    }
    const entry = (result: { url: string; title?: string }): string => `${result.url}\n${result.title ?? ''}`;
    return {
      kind: 'results',
      score: multisetF1(truthResults.map(entry), predictedResults.map(entry)),
    };
  },
  stateOf: (ledger) => pickFields(summarizeSearchLedger(ledger as SearchLedger), ['pages', 'resultCounts']),
};
