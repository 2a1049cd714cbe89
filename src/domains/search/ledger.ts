import type { WorldSpec } from '../../core/world-spec.js';
import type { SearchAction } from './dialects/search/index.js';
import {
  dictMemoryCallOf,
  extractorUrlsOf,
  parseSearchResults,
  searchQueriesOf,
  WEB_SEARCH,
} from './dialects/search/index.js';
import { readSearchInitialData } from './initial-data.js';
import { looksLikeUrl, urlKey } from './url-key.js';

/** One `web_search` call: its queries and how many result blocks came back. */
export interface SearchCallRecord {
  readonly turn: number;
  readonly queries: readonly string[];
  readonly resultCount: number;
}

/** A URL that search results showed, with every distinct title it was shown with. */
export interface SearchSeenPage {
  readonly url: string;
  readonly titles: readonly string[];
  readonly firstTurn: number;
}

/**
 * What a search world's history fixes: queries, the pages results showed, pages opened and the memory store.
 * Immutable: `applySearchTurn` returns a new ledger and never changes the one it was given, so forks can share.
 *
 * Memory follows the actions exactly: `add` sets every key; `update` sets only keys that already exist (a
 * missing key is reported "not found" by the tool and is NOT created); `remove` deletes the keys it names;
 * `remove_all` clears everything; `retrieve` and `retrieve_all` change nothing.
 */
export interface SearchLedger {
  /** Turns applied so far. */
  readonly turns: number;
  readonly searches: readonly SearchCallRecord[];
  /** Pages seen in search results, by `urlKey`. */
  readonly pages: ReadonlyMap<string, SearchSeenPage>;
  /** URLs passed to `web_extractor`, each once, in the order first opened. */
  readonly extracted: readonly string[];
  readonly memory: ReadonlyMap<string, unknown>;
}

export function createSearchLedger(spec: WorldSpec): SearchLedger {
  const { memory } = readSearchInitialData(spec);
  return {
    turns: 0,
    searches: [],
    pages: new Map(),
    extracted: [],
    memory: new Map(Object.entries(memory).map(([key, value]) => [key, structuredClone(value)])),
  };
}

/** The ledger after one more turn. */
export function applySearchTurn(
  ledger: SearchLedger,
  action: SearchAction,
  observation: string,
  _spec?: WorldSpec,
): SearchLedger {
  const turn = ledger.turns + 1;
  const next: SearchLedger = { ...ledger, turns: turn };
  if (action.name === WEB_SEARCH) return applySearch(next, turn, searchQueriesOf(action), observation);
  const urls = extractorUrlsOf(action);
  if (urls.length > 0) {
    const fresh = urls.filter(
      (url, position) => !ledger.extracted.includes(url) && urls.indexOf(url) === position,
    );
    return fresh.length === 0 ? next : { ...next, extracted: [...ledger.extracted, ...fresh] };
  }
  const memory = applyMemory(ledger.memory, action);
  return memory === ledger.memory ? next : { ...next, memory };
}

function applySearch(
  ledger: SearchLedger,
  turn: number,
  queries: string[],
  observation: string,
): SearchLedger {
  const results = parseSearchResults(observation).filter((result) => looksLikeUrl(result.url));
  let pages: Map<string, SearchSeenPage> | undefined;
  for (const result of results) {
    const key = urlKey(result.url);
    const known = (pages ?? ledger.pages).get(key);
    const title = result.title ?? '';
    if (known !== undefined && (title === '' || known.titles.includes(title))) continue;
    pages ??= new Map(ledger.pages);
    pages.set(
      key,
      known === undefined
        ? { url: result.url, titles: title === '' ? [] : [title], firstTurn: turn }
        : { ...known, titles: [...known.titles, title] },
    );
  }
  return {
    ...ledger,
    searches: [...ledger.searches, { turn, queries, resultCount: results.length }],
    ...(pages === undefined ? {} : { pages }),
  };
}

function applyMemory(
  memory: ReadonlyMap<string, unknown>,
  action: SearchAction,
): ReadonlyMap<string, unknown> {
  const call = dictMemoryCallOf(action);
  if (call === undefined) return memory;
  switch (call.operation) {
    case 'add': {
      const next = new Map(memory);
      for (const [key, value] of Object.entries(call.dict)) next.set(key, structuredClone(value));
      return next;
    }
    case 'update': {
      const present = Object.entries(call.dict).filter(([key]) => memory.has(key));
      if (present.length === 0) return memory;
      const next = new Map(memory);
      for (const [key, value] of present) next.set(key, structuredClone(value));
      return next;
    }
    case 'remove': {
      if (!call.keys.some((key) => memory.has(key))) return memory;
      const next = new Map(memory);
      for (const key of call.keys) next.delete(key);
      return next;
    }
    case 'remove_all':
      return memory.size === 0 ? memory : new Map();
    default:
      return memory;
  }
}

/** The ledger as plain JSON (for `info.ledger`, `GET /state` and compact prompts). */
export function summarizeSearchLedger(ledger: SearchLedger): Record<string, unknown> {
  return {
    turns: ledger.turns,
    queries: ledger.searches.flatMap((search) => search.queries),
    searchCalls: ledger.searches.length,
    resultCounts: ledger.searches.map((search) => search.resultCount),
    pages: [...ledger.pages.values()].map((page) => ({
      url: page.url,
      title: page.titles[0] ?? '',
      firstTurn: page.firstTurn,
    })),
    extracted: [...ledger.extracted],
    memory: Object.fromEntries([...ledger.memory].map(([key, value]) => [key, structuredClone(value)])),
  };
}
