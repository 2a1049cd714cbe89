/** `web_search` answers in the search domain's format: `[k] url` / `Title:` / `Snippet:` / `Date:` blocks. */
import type { CorpusDocument } from './corpus.js';
import type { CorpusSearchIndex, SearchHit } from './search-index.js';

export interface QueryResults {
  readonly query: string;
  readonly hits: readonly SearchHit[];
}

/** A query nothing matched: the no-results line the domain (and its `no-results` perturbation) uses. */
export function noResultsLine(query: string): string {
  return `No results found for ${JSON.stringify(query)}.`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The observation of one call: every query's results in query order, numbered [1], [2], … straight through,
 * blocks separated by one blank line; a query without results gives its no-results line in its place.
 */
export function renderSearchResults(index: CorpusSearchIndex, results: readonly QueryResults[]): string {
  const blocks: string[] = [];
  let number = 0;
  for (const { query, hits } of results) {
    if (hits.length === 0) {
      blocks.push(noResultsLine(query));
      continue;
    }
    for (const hit of hits) {
      number += 1;
      const document = index.corpus.documents[hit.document] as CorpusDocument;
      blocks.push(
        [
          `[${number}] ${document.url}`,
          `Title: ${oneLine(document.title)}`,
          `Snippet: ${oneLine(index.snippet(hit))}`,
          `Date: ${oneLine(document.date ?? 'N/A')}`,
        ].join('\n'),
      );
    }
  }
  return blocks.join('\n\n');
}

/** The call's results as data (the turn's `rawResult`): each query's URLs, titles and scores. */
export function searchRawResult(
  index: CorpusSearchIndex,
  results: readonly QueryResults[],
): Record<string, unknown> {
  return {
    corpus: index.corpus.sha256,
    queries: results.map(({ query, hits }) => ({
      query,
      hits: hits.map((hit) => {
        const document = index.corpus.documents[hit.document] as CorpusDocument;
        return { url: document.url, title: document.title, score: Number(hit.score.toFixed(6)) };
      }),
    })),
  };
}
