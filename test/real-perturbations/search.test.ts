/**
 * Every perturbation of the search catalog on the real search engine (a full-text engine over the shipped
 * Debian documentation corpus): the rule fires on a web_search or web_extractor call it applies to and the real
 * result gets the entry's deterministic rendering (see harness.ts for what is asserted).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Engine } from '../../src/core/engine.js';
import { getDomain } from '../../src/domains/index.js';
import { createRealEngine } from '../../src/engines/real/index.js';
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

const domain = getDomain('search');

const spec = {
  id: 'real-perturbations-search',
  domain: 'search',
  task: 'Find out how apt-get installs a package and note the command.',
  initialState: { data: { currentDate: '2026-12-07' } },
};

const search = { name: 'web_search', arguments: { queries: ['apt-get install package'] } };
const extract = {
  name: 'web_extractor',
  arguments: { url: 'https://debian.example/usr/share/man/man8/apt-get.8' },
};

/** A real session per catalog entry: setup calls, then the call the entry applies to (the last one). */
const CASES: Readonly<Record<string, PerturbationCase>> = {
  'no-results': { actions: [search] },
  'inaccessible-page': { actions: [search, extract] },
  'rate-limit': { actions: [search] },
  'teasing-results': { actions: [search] },
  'stale-results': { actions: [search] },
  'captcha-block': { actions: [extract] },
  // apt-get(8) is far longer than this, so the real page is cut.
  'truncated-page': { actions: [extract], params: { maxCharacters: 500 } },
};

/** Domain checks a rendering fails on the real result that it passed (see harness.ts). None so far. */
const CHECK_CONFLICTS: CheckConflicts = {};

/** Catalog entries that cannot manifest on the real search engine, each with the reason. None so far. */
const CANNOT_MANIFEST: Readonly<Record<string, string>> = {};

describe('search perturbations on the real engine (Debian documentation corpus)', {
  timeout: 600_000,
}, () => {
  const log = new AnswerLog();
  let engine: Engine;
  const outcomes = new Map<string, Outcome>();
  before(() => {
    engine = keepingAnswers(createRealEngine('search'), log);
  });
  after(async () => {
    await engine.close();
  });

  it('has a case for every catalog entry', () => {
    assertCasesCoverCatalog(domain, CASES);
  });

  for (const { id } of domain.perturbations) {
    it(`${id}: rendered into the real result, shown, no check broken`, async () => {
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
