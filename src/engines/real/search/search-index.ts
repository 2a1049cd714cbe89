/** Full-text search over a corpus: MiniSearch (BM25+), title words weighted above body words. */
import MiniSearch, { type SearchResult } from 'minisearch';
import type { SearchCorpus } from './corpus.js';
import { plainText, snippetOf } from './snippet.js';

export interface SearchHit {
  /** Position of the document in the corpus. */
  readonly document: number;
  readonly score: number;
  /** The document words the query matched (for the snippet). */
  readonly terms: readonly string[];
}

interface IndexedFields {
  readonly id: number;
  readonly title: string;
  readonly text: string;
}

/** Searches one corpus; the index is built when the object is made. */
export class CorpusSearchIndex {
  private readonly index: MiniSearch<IndexedFields>;
  private readonly plain = new Map<number, string>();

  constructor(readonly corpus: SearchCorpus) {
    this.index = new MiniSearch<IndexedFields>({
      fields: ['title', 'text'],
      storeFields: [],
      searchOptions: { boost: { title: 3 }, combineWith: 'OR' },
    });
    this.index.addAll(
      corpus.documents.map((document, id) => ({ id, title: document.title, text: document.text })),
    );
  }

  /**
   * The best `limit` documents for a query, best first (ties by corpus order). Exact words are tried first;
   * when they find fewer than `limit`, word starts and close spellings fill the remaining places, ranked
   * after the exact matches.
   */
  search(query: string, limit: number): SearchHit[] {
    const exact = this.index.search(query).sort(byScore);
    const hits = exact.slice(0, limit).map(toHit);
    if (hits.length < limit) {
      const taken = new Set(hits.map((hit) => hit.document));
      const loose = this.index.search(query, {
        prefix: (term) => term.length >= 3,
        fuzzy: (term) => (term.length >= 5 ? 0.2 : false),
      });
      for (const result of loose.sort(byScore)) {
        if (hits.length >= limit) break;
        if (taken.has(result.id as number)) continue;
        taken.add(result.id as number);
        hits.push(toHit(result));
      }
    }
    return hits;
  }

  /** One line of the document around the matched words. */
  snippet(hit: SearchHit): string {
    let text = this.plain.get(hit.document);
    if (text === undefined) {
      text = plainText(this.corpus.documents[hit.document]?.text ?? '');
      this.plain.set(hit.document, text);
    }
    return snippetOf(text, hit.terms);
  }
}

function toHit(result: SearchResult): SearchHit {
  return { document: result.id as number, score: result.score, terms: result.terms };
}

function byScore(a: SearchResult, b: SearchResult): number {
  return b.score - a.score || (a.id as number) - (b.id as number);
}
