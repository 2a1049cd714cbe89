import type { PerturbationContext } from '../../../core/perturbation.js';
import type { SearchAction } from '../dialects/search/index.js';
import {
  DICT_MEMORY,
  extractorUrlsOf,
  searchQueriesOf,
  WEB_EXTRACTOR,
  WEB_SEARCH,
} from '../dialects/search/index.js';

/** The tool call of a perturbation context; undefined at reset (trajectory-level instructions). */
export function searchCallOf(context: PerturbationContext): SearchAction | undefined {
  const action = context.action as Partial<SearchAction> | undefined;
  if (action === undefined || typeof action.name !== 'string') return undefined;
  const args = action.arguments;
  return {
    name: action.name,
    arguments: args !== null && typeof args === 'object' && !Array.isArray(args) ? args : {},
  };
}

export function isSearchCall(context: PerturbationContext): boolean {
  return searchCallOf(context)?.name === WEB_SEARCH;
}

export function isExtractorCall(context: PerturbationContext): boolean {
  return searchCallOf(context)?.name === WEB_EXTRACTOR;
}

/** Calls that go out to the web (every tool but the local memory). */
export function isWebCall(context: PerturbationContext): boolean {
  const call = searchCallOf(context);
  return call !== undefined && call.name !== DICT_MEMORY;
}

export function queriesOf(context: PerturbationContext): string[] {
  const call = searchCallOf(context);
  return call === undefined ? [] : searchQueriesOf(call);
}

/** The page an extractor call opens (its first URL). */
export function pageUrlOf(context: PerturbationContext): string | undefined {
  const call = searchCallOf(context);
  return call === undefined ? undefined : extractorUrlsOf(call)[0];
}

/** "this call" words for a turn, or the words for every call when the rule holds all session. */
export function callSubject(context: PerturbationContext, every: string): string {
  const call = searchCallOf(context);
  if (call === undefined) return every;
  if (call.name === WEB_SEARCH) {
    const queries = searchQueriesOf(call);
    return queries.length === 0
      ? 'this search'
      : `this search (${queries.map((query) => JSON.stringify(query)).join(', ')})`;
  }
  if (call.name === WEB_EXTRACTOR) {
    const url = pageUrlOf(context);
    return url === undefined ? 'this page fetch' : `this fetch of ${url}`;
  }
  return `this \`${call.name}\` call`;
}

/** Whether `value` appears in the text as a whole number. */
export function mentionsNumber(text: string, value: number): boolean {
  return new RegExp(`(?<![\\d.])${value}(?!\\d)`).test(text);
}
