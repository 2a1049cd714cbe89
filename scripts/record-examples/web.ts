/**
 * Records the example web sessions from a real browser (never written by hand):
 *
 *   node --import tsx scripts/record-examples/web.ts
 *
 * Needs Debian's Chromium (`apt-get install chromium`) and the playwright-core and @playwright/mcp dev
 * dependencies. For each dialect it writes a spec whose pages are the library site of web-pages.ts (served by the
 * real web engine itself at http://127.0.0.1:8765, from `initialState.data.pages`), drives Chromium with scripted
 * agent actions through the real Session and the real web engine (src/engines/real/web/: the real
 * `@playwright/mcp` server for playwright-mcp), and saves the session. Actions name elements by the refs of the page they
 * act on, found by role and name. Nothing is written if any check of any turn fails. Writes
 * examples/web-browsergym.json, examples/web-playwright-mcp.json and examples/sessions/web.jsonl.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { SessionRecord } from '../../src/core/turn.js';
import { type WorldSpec, type WorldSpecInput, WorldSpecSchema } from '../../src/core/world-spec.js';
import { parseWebPage, type WebDialect, type WebPage, webDialectOf } from '../../src/domains/web/index.js';
import { playwrightMcpPackage, RealWebEngine } from '../../src/engines/real/web/index.js';
import { createEnv } from '../../src/session/create-env.js';
import { writeSessionFile } from '../../src/session/session-file.js';
import { LIBRARY_PAGES } from './web-pages.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SESSIONS_FILE = join(ROOT, 'examples', 'sessions', 'web.jsonl');
/** The origin the recordings name (the engine serves the pages there; nothing listens on the port). */
const ORIGIN = 'http://127.0.0.1:8765';

/** The ref of the first node with this role and name on the page. */
function ref(page: WebPage, role: string, name: string): string {
  const node = page.nodes.find((candidate) => candidate.role === role && candidate.name === name);
  if (node?.id === undefined) throw new Error(`no ${role} "${name}" on ${page.url ?? 'the page'}`);
  return node.id;
}

interface Scenario {
  readonly dialect: WebDialect;
  readonly title: string;
  readonly task: string;
  readonly steps: ReadonlyArray<(page: WebPage, origin: string) => unknown>;
}

const SCENARIOS: readonly Scenario[] = [
  {
    dialect: 'browsergym',
    title: 'Send a book request through the contact form',
    task: 'Ask the librarian for a book: send the contact form as Ada Lovelace with the topic "Book request" and a copy to yourself.',
    steps: [
      (page) => `click("${ref(page, 'link', 'Contact the librarian')}")`,
      (page) =>
        `fill("${ref(page, 'textbox', 'Your name')}", "Ada Lovelace")\nselect_option("${ref(page, 'combobox', 'Topic')}", "Book request")`,
      (page) => `check("${ref(page, 'checkbox', 'Send me a copy')}")`,
      (page) => `click("${ref(page, 'button', 'Send message')}")`,
      () => 'send_msg_to_user("Your book request was sent; the librarian answers within two days.")',
    ],
  },
  {
    dialect: 'playwright-mcp',
    title: 'Look at the new books, then write to the librarian',
    task: 'Find out which new books the library has, then send the contact form as Grace.',
    steps: [
      (page) => ({
        name: 'browser_click',
        arguments: { element: 'New books link', target: ref(page, 'link', 'New books') },
      }),
      () => ({ name: 'browser_navigate_back', arguments: {} }),
      (_page, origin) => ({ name: 'browser_navigate', arguments: { url: `${origin}/contact.html` } }),
      () => ({ name: 'browser_snapshot', arguments: {} }),
      (page) => ({
        name: 'browser_type',
        arguments: { element: 'Your name field', target: ref(page, 'textbox', 'Your name'), text: 'Grace' },
      }),
      (page) => ({
        name: 'browser_select_option',
        arguments: { element: 'Topic', target: ref(page, 'combobox', 'Topic'), values: ['Book request'] },
      }),
      () => ({ name: 'browser_snapshot', arguments: {} }),
      (page) => ({
        name: 'browser_type',
        arguments: {
          element: 'Your name field',
          target: ref(page, 'textbox', 'Your name'),
          text: 'Grace Hopper',
          submit: true,
        },
      }),
    ],
  },
];

/** What the recordings of a dialect name as their source. */
function recordedWithOf(spec: WorldSpec): string {
  return webDialectOf(spec) === 'playwright-mcp'
    ? `@playwright/mcp@${playwrightMcpPackage().version}+chromium`
    : 'chromium+playwright-core';
}

function specOf(scenario: Scenario, initialPage: string, origin: string): WorldSpecInput {
  return {
    id: `web-${scenario.dialect}-library`,
    description: `A small local library website, recorded from Chromium (${scenario.dialect}).`,
    domain: 'web',
    dialect: scenario.dialect,
    task: scenario.task,
    initialState: { text: initialPage, data: { startUrl: `${origin}/`, pages: { ...LIBRARY_PAGES } } },
    simulationInstructions:
      'The site is a small public library website: a home page, a list of new books, and a contact form that leads to a thank-you page.',
  };
}

async function main(): Promise<void> {
  const records: SessionRecord[] = [];
  const specs = new Map<WebDialect, WorldSpecInput>();
  const failures: string[] = [];
  for (const scenario of SCENARIOS) {
    console.log(`session: ${scenario.title}`);
    const probe = WorldSpecSchema.parse(specOf(scenario, '', ORIGIN));
    const engine = new RealWebEngine();
    try {
      const spec = specOf(scenario, await engine.firstView(probe), ORIGIN);
      specs.set(scenario.dialect, spec);
      const env = await createEnv(spec, { engine });
      await env.reset({ seed: 7 });
      for (const step of scenario.steps) {
        const current = parseWebPage(String(env.ledgerSummary().page), scenario.dialect);
        const action = step(current, ORIGIN);
        const result = await env.step(action);
        for (const check of result.info.turn.checks) {
          if (check.status === 'fail') {
            failures.push(
              `${scenario.title} turn ${result.info.turn.index} ${check.id}: ${check.message ?? ''}`,
            );
          }
        }
        console.log(`  turn ${result.info.turn.index}: ${JSON.stringify(action)}`);
      }
      await env.close();
      records.push(env.toRecord({ recordedWith: recordedWithOf(probe), title: scenario.title }));
    } finally {
      await engine.close();
    }
  }
  if (failures.length > 0) {
    console.error(`Not written: ${failures.length} check(s) failed:\n${failures.join('\n')}`);
    process.exitCode = 1;
    return;
  }
  for (const [dialect, spec] of specs) {
    const path = join(ROOT, 'examples', `web-${dialect}.json`);
    await writeFile(path, `${JSON.stringify(spec, null, 2)}\n`, 'utf8');
    await promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'biome'), ['format', '--write', path], {
      cwd: ROOT,
    }).catch((error: unknown) => console.warn(`could not format ${path}: ${String(error)}`));
  }
  await writeSessionFile(SESSIONS_FILE, records);
  console.log(`wrote ${records.length} sessions to ${SESSIONS_FILE}`);
}

await main();
