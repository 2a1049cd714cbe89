import { readFileSync } from 'node:fs';
import { describe } from 'node:test';
import { getDomain } from '../../src/domains/index.js';
import { createRealEngine, findChromium } from '../../src/engines/real/index.js';
import { type CheckConflicts, catalogOnRealEngine, type PerturbationCase } from './harness.js';

const domain = getDomain('web');

const example = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;

/** Per dialect: its example spec and an action that loads a page of it (a link clicked). */
const DIALECTS = [
  { dialect: 'browsergym', spec: example('web-browsergym.json'), loads: 'click("13")' },
  {
    dialect: 'playwright-mcp',
    spec: example('web-playwright-mcp.json'),
    loads: { name: 'browser_click', arguments: { element: 'New books link', target: 'e7' } },
  },
] as const;

/** A real session per catalog entry and dialect: the action that loads a page, with the entry on it. */
function casesFor(loads: unknown): Readonly<Record<string, PerturbationCase>> {
  return Object.fromEntries(domain.perturbations.map(({ id }) => [id, { actions: [loads] }]));
}

/** Domain checks a rendering fails on the real page that it passed (see harness.ts). None so far. */
const CHECK_CONFLICTS: CheckConflicts = {};

/** Catalog entries that cannot manifest on the real web engine, each with the reason. None so far. */
const CANNOT_MANIFEST: Readonly<Record<string, string>> = {};

const noChromium = findChromium() === undefined && process.env.CI !== 'true';

for (const { dialect, spec, loads } of DIALECTS) {
  describe(`web perturbations on the real engine (Chromium, ${dialect})`, {
    timeout: 600_000,
    skip: noChromium ? 'no Chromium on this machine (CI installs it)' : false,
  }, () => {
    const CASES = casesFor(loads);
    catalogOnRealEngine({
      domain,
      spec,
      cases: CASES,
      makeEngine: () => createRealEngine('web'),
      cannotManifest: CANNOT_MANIFEST,
      checkConflicts: CHECK_CONFLICTS,
      into: 'page',
    });
  });
}
