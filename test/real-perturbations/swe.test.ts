/**
 * Every perturbation of the swe catalog on the real SWE engine (a git repository in bubblewrap, mini-swe-agent's
 * bash tool, examples/swe-mini-swe-agent.json): the rule fires on a command it applies to and the real result
 * gets the entry's deterministic rendering (see harness.ts for what is asserted).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { getDomain } from '../../src/domains/index.js';
import { createRealEngine } from '../../src/engines/real/index.js';
import {
  type CheckConflicts,
  catalogOnRealEngine,
  type PerturbationCase,
  runWithPerturbation,
} from './harness.js';

const domain = getDomain('swe');

const spec = JSON.parse(
  readFileSync(new URL('../../examples/swe-mini-swe-agent.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

const bash = (command: string): unknown => ({ name: 'bash', arguments: { command } });

/** A real session per catalog entry: setup commands, then the command the entry applies to (the last one). */
const CASES: Readonly<Record<string, PerturbationCase>> = {
  'failing-tests': { actions: [bash('cat calc.py'), bash('python3 -m pytest -q')] },
  // failRate 1: the seeded draw always fails the run, so the entry applies on its turn.
  'flaky-tests': { actions: [bash('python3 -m pytest -q test_calc.py')], params: { failRate: 1 } },
  'missing-dependency': { actions: [bash("python3 -c 'from calc import add; print(add(2, 3))'")] },
  // --no-index: pip fails at once instead of retrying a network the sandbox does not have (see ALREADY_REAL).
  'externally-managed-python': { actions: [bash('pip install --no-index requests')] },
  'merge-conflict': { actions: [bash('git merge feature/update')] },
  'lint-failure': { actions: [bash('python3 -m flake8 calc.py')] },
  'network-blocked': {
    // The sandbox has no network, so the real curl already fails to resolve; the rendering says the route is gone.
    actions: [bash('curl -sS https://pypi.org/simple/')],
    params: { failure: 'unreachable' },
  },
};

/** Domain checks a rendering fails on the real result that it passed (see harness.ts). None so far. */
const CHECK_CONFLICTS: CheckConflicts = {};

/**
 * Catalog entries whose condition the real engine already shows on the case's action, so the rendering keeps the
 * real answer (provenance stays `real`), each with the reason.
 */
const ALREADY_REAL: Readonly<Record<string, string>> = {
  'externally-managed-python':
    "the sandbox's system Python is Debian's, itself externally managed: the real pip refuses with the " +
    "distribution's own PEP 668 text, which the rendering keeps rather than replacing it with its own",
};

/** Catalog entries that cannot manifest on the real SWE engine, each with the reason. None so far. */
const CANNOT_MANIFEST: Readonly<Record<string, string>> = {};

describe('swe perturbations on the real engine (git repository in bubblewrap)', { timeout: 600_000 }, () => {
  const run = catalogOnRealEngine({
    domain,
    spec,
    cases: CASES,
    makeEngine: () => createRealEngine('swe'),
    cannotManifest: CANNOT_MANIFEST,
    checkConflicts: CHECK_CONFLICTS,
    alreadyReal: ALREADY_REAL,
    into: 'result',
  });

  it("network-blocked with no route ends curl with its own exit status 7, not the unresolved name's 6", () => {
    const outcome = run.outcomes.get('network-blocked');
    assert.ok(outcome !== undefined, 'network-blocked ran');
    assert.match(outcome.real.observation, /<returncode>6<\/returncode>/);
    assert.match(outcome.turn.observation, /<returncode>7<\/returncode>/);
    assert.match(outcome.turn.observation, /curl: \(7\) Failed to connect to pypi\.org/);
  });

  it('externally-managed-python does not fire on pip install --target (pip skips PEP 668 there)', async () => {
    const outcome = await runWithPerturbation(run.engine(), run.log, spec, 'externally-managed-python', {
      actions: [bash('pip install --target lib --no-index requests')],
    });
    assert.equal(outcome.injected, false);
    assert.equal(outcome.turn.observation, outcome.real.observation);
    assert.equal(outcome.turn.provenance.source, 'real');
    assert.doesNotMatch(outcome.real.observation, /externally-managed-environment/);
  });
});
