/**
 * Every perturbation of the web catalog on the real web engine (Chromium), in both of its dialects: BrowserGym
 * (examples/web-browsergym.json) and the real @playwright/mcp server (examples/web-playwright-mcp.json). The rule
 * fires on an action that loads a page and the real page gets the entry's deterministic rendering (see harness.ts
 * for what is asserted).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Engine } from '../../src/core/engine.js';
import { getDomain } from '../../src/domains/index.js';
import { createRealEngine, findChromium } from '../../src/engines/real/index.js';
import {
  AnswerLog,
  assertCasesCoverCatalog,
  assertManifested,
  type CheckConflicts,
  keepingAnswers,
  manifested,
  type Outcome,
  type PerturbationCase,
  runWithPerturbation,
} from './harness.js';

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
    const log = new AnswerLog();
    let engine: Engine;
    const outcomes = new Map<string, Outcome>();
    before(() => {
      engine = keepingAnswers(createRealEngine('web'), log);
    });
    after(async () => {
      await engine.close();
    });

    it('has a case for every catalog entry', () => {
      assertCasesCoverCatalog(domain, CASES);
    });

    for (const { id } of domain.perturbations) {
      it(`${id}: rendered into the real page, shown, no check broken`, async () => {
        const testCase = CASES[id];
        assert.ok(testCase !== undefined, `a case for ${id}`);
        const outcome = await runWithPerturbation(engine, log, spec, id, testCase);
        outcomes.set(id, outcome);
        if (id in CANNOT_MANIFEST)
          assert.equal(manifested(outcome), false, `${id} is listed as not manifesting`);
        else assertManifested(outcome, CHECK_CONFLICTS);
      });
    }

    it('exactly the documented entries did not manifest', () => {
      const missed = domain.perturbations
        .map(({ id }) => id)
        .filter((id) => {
          const outcome = outcomes.get(id);
          return outcome === undefined || !manifested(outcome);
        });
      assert.deepEqual(missed, Object.keys(CANNOT_MANIFEST));
    });
  });
}
