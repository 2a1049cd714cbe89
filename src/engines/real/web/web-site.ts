/**
 * The site a web world starts on, read from its spec: `initialState.data.startUrl` (the page the browser opens)
 * and `initialState.data.pages` (the pages the engine serves itself, keyed by path on the start URL's origin or
 * by absolute http URL; each an HTML string or `{ body, contentType?, status? }`).
 */
import { AgentWorldError } from '../../../core/errors.js';
import type { WorldSpec } from '../../../core/world-spec.js';

export interface WebSitePage {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

export interface WebSite {
  /** The page each session opens first (undefined: an empty tab). */
  readonly startUrl: string | undefined;
  /** Served pages by `origin + pathname` (the query is not part of the key). */
  readonly pages: ReadonlyMap<string, WebSitePage>;
  /** The origins whose requests the engine answers from `pages` (and nothing else). */
  readonly origins: ReadonlySet<string>;
}

const HTML = 'text/html; charset=utf-8';

function invalid(message: string): AgentWorldError {
  return new AgentWorldError('INVALID_SPEC', `Invalid WorldSpec at $.initialState.data: ${message}`);
}

function pageOf(key: string, value: unknown): WebSitePage {
  if (typeof value === 'string') return { status: 200, contentType: HTML, body: value };
  if (typeof value === 'object' && value !== null && typeof (value as { body?: unknown }).body === 'string') {
    const { body, contentType, status } = value as { body: string; contentType?: unknown; status?: unknown };
    return {
      body,
      contentType: typeof contentType === 'string' ? contentType : HTML,
      status: typeof status === 'number' && Number.isInteger(status) ? status : 200,
    };
  }
  throw invalid(`pages["${key}"] must be an HTML string or { body, contentType?, status? }`);
}

/** The site of a web spec (see the module comment). */
export function webSiteOf(spec: WorldSpec): WebSite {
  const data = spec.initialState.data as Record<string, unknown>;
  const rawStart = data.startUrl;
  if (rawStart !== undefined && typeof rawStart !== 'string') throw invalid('startUrl must be a string');
  let start: URL | undefined;
  if (rawStart !== undefined) {
    try {
      start = new URL(rawStart);
    } catch {
      throw invalid(`startUrl "${rawStart}" is not a URL`);
    }
  }
  const pages = new Map<string, WebSitePage>();
  const origins = new Set<string>();
  const rawPages = data.pages;
  if (rawPages !== undefined) {
    if (typeof rawPages !== 'object' || rawPages === null || Array.isArray(rawPages)) {
      throw invalid('pages must be an object of path → page');
    }
    for (const [key, value] of Object.entries(rawPages)) {
      let url: URL;
      try {
        url = key.startsWith('/') ? new URL(key, start ?? 'http://invalid.invalid') : new URL(key);
      } catch {
        throw invalid(`pages key "${key}" is neither a path nor a URL`);
      }
      if (key.startsWith('/') && start === undefined) throw invalid('pages keyed by path need a startUrl');
      if (url.protocol !== 'http:') throw invalid(`pages are served over http only, not "${key}"`);
      pages.set(url.origin + url.pathname, pageOf(key, value));
      origins.add(url.origin);
    }
  }
  return { startUrl: start?.href, pages, origins };
}
