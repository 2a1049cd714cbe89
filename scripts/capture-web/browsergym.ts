/**
 * Captures conformance fixtures of the browsergym dialect:
 *
 *   node --import tsx scripts/capture-web/browsergym.ts
 *
 * Opens the library site (scripts/record-examples/web-pages.ts, 127.0.0.1:8765) in Debian's Chromium, marks each
 * page by BrowserGym's rules and reads its CDP accessibility tree (src/engines/real/web/browsergym-marks.ts),
 * and writes src/domains/web/dialects/browsergym/fixtures.json: per page the tree with the bids taken out and the
 * text BrowserGym's flattening gives (src/domains/web/dialects/browsergym/flatten.ts), naming the BrowserGym sources.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { flattenBrowserGymAxTree } from '../../src/domains/web/dialects/browsergym/index.js';
import { browserGymAxTree } from '../../src/engines/real/web/index.js';
import { startPageServer } from '../record-examples/web-pages.js';
import { CHROMIUM } from './playwright-mcp-server.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ORIGIN = 'http://127.0.0.1:8765';

async function main(): Promise<void> {
  const server = await startPageServer(8765);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox'] });
  try {
    const page = await browser.newPage();
    const pages: Array<{ label: string; url: string; nodes: unknown[]; text: string }> = [];
    const capture = async (label: string) => {
      const nodes = await browserGymAxTree(page);
      pages.push({ label, url: page.url(), nodes, text: flattenBrowserGymAxTree(nodes) });
      console.log(`captured ${label}`);
    };
    await page.goto(`${ORIGIN}/`);
    await capture('home');
    await page.goto(`${ORIGIN}/contact.html`);
    await capture('contact');
    await page.locator('[bid="10"]').fill('Ada Lovelace');
    await page.locator('[bid="13"]').selectOption('Book request');
    await page.locator('[bid="19"]').check();
    await capture('contact, filled');
    const output = {
      source: {
        repository: 'ServiceNow/BrowserGym',
        commit: '9e779f087de9a65668b6974d11f9ce9816026e96',
        files: [
          'browsergym/core/src/browsergym/core/javascript/frame_mark_elements.js',
          'browsergym/core/src/browsergym/core/javascript/frame_unmark_elements.js',
          'browsergym/core/src/browsergym/core/observation.py (_pre_extract, extract_all_frame_axtrees)',
          'browsergym/core/src/browsergym/utils/obs.py (flatten_axtree_to_str, defaults)',
        ],
        note: 'The rules of these files, reimplemented in src/engines/real/web/browsergym-marks.ts and src/domains/web/dialects/browsergym/flatten.ts; run on Debian Chromium.',
      },
      chromium: await browser.version(),
      site: 'scripts/record-examples/web-pages.ts',
      pages,
    };
    const path = join(ROOT, 'src', 'domains', 'web', 'dialects', 'browsergym', 'fixtures.json');
    await writeFile(path, `${JSON.stringify(output, null, 2)}\n`);
    console.log(`wrote ${pages.length} pages to ${path}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
