import { parseAxTree } from './dialects/browsergym/index.js';
import type { WebDialect } from './dialects/index.js';
import { parseAriaSnapshot } from './dialects/playwright-mcp/index.js';
import type { WebPage } from './page.js';

/** Parses an observation in the dialect's page format (BrowserGym AXTree text or a Playwright MCP result). */
export function parseWebPage(text: string, dialect: WebDialect): WebPage {
  return dialect === 'playwright-mcp' ? parseAriaSnapshot(text) : parseAxTree(text);
}
