import type { SearchAction } from './actions.js';
import {
  DICT_MEMORY,
  DICT_MEMORY_OPERATIONS,
  type DictMemoryOperation,
  WEB_EXTRACTOR,
  WEB_SEARCH,
} from './tools.js';

/*
 * Lenient readers of a call's arguments. Built-in calls are already validated; calls to a user's own tools of
 * the same names may shape their arguments a little differently, so these read what they can and never throw.
 */

/** The queries of a `web_search` call, in order (`query` and/or `queries`). */
export function searchQueriesOf(action: SearchAction): string[] {
  if (action.name !== WEB_SEARCH) return [];
  const args = action.arguments;
  const queries: string[] = [];
  if (typeof args.query === 'string') queries.push(args.query);
  else if (Array.isArray(args.query)) queries.push(...args.query.filter(isString));
  if (Array.isArray(args.queries)) queries.push(...args.queries.filter(isString));
  return queries;
}

/** The URLs of a `web_extractor` call (`url` as a string or list, or `urls`). */
export function extractorUrlsOf(action: SearchAction): string[] {
  if (action.name !== WEB_EXTRACTOR) return [];
  const args = action.arguments;
  const urls: string[] = [];
  for (const field of [args.url, args.urls]) {
    if (typeof field === 'string') urls.push(field);
    else if (Array.isArray(field)) urls.push(...field.filter(isString));
  }
  return urls;
}

export interface DictMemoryCall {
  readonly operation: DictMemoryOperation;
  readonly dict: Readonly<Record<string, unknown>>;
  readonly keys: readonly string[];
}

/** The operation, pairs and keys of a `dict_memory` call; undefined for other calls or unknown operations. */
export function dictMemoryCallOf(action: SearchAction): DictMemoryCall | undefined {
  if (action.name !== DICT_MEMORY) return undefined;
  const args = action.arguments;
  const operation = DICT_MEMORY_OPERATIONS.find((candidate) => candidate === args.operation);
  if (operation === undefined) return undefined;
  const dict =
    typeof args.dict === 'object' && args.dict !== null && !Array.isArray(args.dict) ? args.dict : {};
  const keys = Array.isArray(args.key_list) ? args.key_list.filter(isString) : [];
  return { operation, dict: dict as Record<string, unknown>, keys };
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}
