/**
 * Captures what the real `@playwright/mcp` server answers, as conformance fixtures of the playwright-mcp dialect:
 *
 *   node --import tsx scripts/capture-web/playwright-mcp.ts
 *
 * Runs the pinned server (headless, isolated, Debian's Chromium) on the project's library site served on
 * 127.0.0.1:8765, drives it with the official MCP SDK client, and writes
 * src/domains/web/dialects/playwright-mcp/tools.json (its tools/list) and
 * src/domains/web/dialects/playwright-mcp/fixtures.json (the text of each tool result, in call order).
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPageServer } from '../record-examples/web-pages.js';
import { CHROMIUM, startPlaywrightMcp } from './playwright-mcp-server.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = join(ROOT, 'src', 'domains', 'web', 'dialects', 'playwright-mcp');
const ORIGIN = 'http://127.0.0.1:8765';

/** One probe: a tool call, and whether the real server is expected to accept its arguments. */
interface Probe {
  readonly name: string;
  readonly arguments: Record<string, unknown>;
}

const PROBES: readonly Probe[] = [
  { name: 'browser_navigate', arguments: { url: `${ORIGIN}/` } },
  { name: 'browser_snapshot', arguments: {} },
  { name: 'browser_click', arguments: { element: 'New books link', target: 'e7' } },
  { name: 'browser_navigate_back', arguments: {} },
  { name: 'browser_navigate', arguments: { url: `${ORIGIN}/contact.html` } },
  { name: 'browser_snapshot', arguments: {} },
  // A ref of the page before (the home page's "New books" link): not in the current snapshot.
  { name: 'browser_click', arguments: { element: 'New books link on the previous page', target: 'e7' } },
  // A ref that is not a string breaks the tool's input schema.
  { name: 'browser_hover', arguments: { element: 'Heading', target: 2 } },
  { name: 'browser_type', arguments: { element: 'Your name field', target: 'f3e6', text: 'Grace' } },
  { name: 'browser_select_option', arguments: { element: 'Topic', target: 'f3e9', values: ['Other'] } },
  {
    name: 'browser_type',
    arguments: { element: 'Your name field', target: 'f3e6', text: 'Grace Hopper', submit: true },
  },
  { name: 'browser_tabs', arguments: { action: 'list' } },
  { name: 'browser_tabs', arguments: { action: 'new', url: `${ORIGIN}/books.html` } },
  { name: 'browser_tabs', arguments: { action: 'list' } },
  { name: 'browser_wait_for', arguments: { time: 0.2 } },
  { name: 'browser_snapshot', arguments: {} },
  { name: 'browser_tabs', arguments: { action: 'select', index: 0 } },
  { name: 'browser_tabs', arguments: { action: 'close', index: 1 } },
  { name: 'browser_click', arguments: { element: 'Nothing', target: 'e999' } },
  { name: 'browser_nope', arguments: {} },
  { name: 'browser_click', arguments: { element: 'Heading', ref: 'e2' } },
  { name: 'browser_click', arguments: {} },
  { name: 'browser_tabs', arguments: { action: 'open' } },
  { name: 'browser_navigate', arguments: { url: `${ORIGIN}/missing.html` } },
];

async function main(): Promise<void> {
  const pages = await startPageServer(8765);
  const server = await startPlaywrightMcp();
  try {
    const { tools } = await server.client.listTools();
    const results = [];
    for (const probe of PROBES) {
      const result = await server.client.callTool({ name: probe.name, arguments: probe.arguments });
      const content = result.content as Array<{ type: string; text?: string }>;
      results.push({
        name: probe.name,
        arguments: probe.arguments,
        isError: result.isError === true,
        text: content.map((part) => part.text ?? '').join('\n'),
      });
      console.log(
        `${probe.name} ${JSON.stringify(probe.arguments)} → ${result.isError === true ? 'error' : 'ok'}`,
      );
    }
    const source = {
      server: '@playwright/mcp',
      version: server.version,
      flags: ['--headless', '--isolated', '--no-sandbox', '--executable-path', CHROMIUM],
      site: 'scripts/record-examples/web-pages.ts',
      origin: ORIGIN,
    };
    await writeFile(join(FIXTURES, 'tools.json'), `${JSON.stringify({ ...source, tools }, null, 2)}\n`);
    await writeFile(join(FIXTURES, 'fixtures.json'), `${JSON.stringify({ ...source, results }, null, 2)}\n`);
    console.log(`wrote ${tools.length} tools and ${results.length} results to ${FIXTURES}`);
  } finally {
    await server.close();
    await pages.close();
  }
}

await main();
