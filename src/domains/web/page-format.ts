import { LRUCache } from 'lru-cache';
import { parseAxTree } from './dialects/browsergym/index.js';
import type { WebDialect } from './dialects/index.js';
import { parseAriaSnapshot } from './dialects/playwright-mcp/index.js';
import type { WebPage } from './page.js';

/**
 * The last pages parsed: one step parses the same observation several times (the ledger, each check, a metric),
 * and a page is immutable (every field readonly), so a parse is shared. Keyed by dialect and text.
 */
const recentPages = {
  browsergym: new LRUCache<string, WebPage>({ max: 16 }),
  'playwright-mcp': new LRUCache<string, WebPage>({ max: 16 }),
} satisfies Record<WebDialect, LRUCache<string, WebPage>>;

/** Parses an observation in the dialect's page format (BrowserGym AXTree text or a Playwright MCP result). */
export function parseWebPage(text: string, dialect: WebDialect): WebPage {
  const cache = recentPages[dialect];
  const cached = cache.get(text);
  if (cached !== undefined) return cached;
  const page = dialect === 'playwright-mcp' ? parseAriaSnapshot(text) : parseAxTree(text);
  cache.set(text, page);
  return page;
}
