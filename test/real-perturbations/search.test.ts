import { describe } from 'node:test';
import { getDomain } from '../../src/domains/index.js';
import { createRealEngine } from '../../src/engines/real/index.js';
import { type CheckConflicts, catalogOnRealEngine, type PerturbationCase } from './harness.js';

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
  catalogOnRealEngine({
    domain,
    spec,
    cases: CASES,
    makeEngine: () => createRealEngine('search'),
    cannotManifest: CANNOT_MANIFEST,
    checkConflicts: CHECK_CONFLICTS,
    into: 'result',
  });
});
