/**
 * Every perturbation of the terminal catalog on the real terminal engine (bash in bubblewrap): the rule fires on
 * a turn whose command it applies to, and the real screen gets the entry's deterministic rendering (see
 * harness.ts for what is asserted).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getDomain } from '../../src/domains/index.js';
import { createRealEngine } from '../../src/engines/real/index.js';
import {
  assertManifested,
  catalogOnRealEngine,
  type PerturbationCase,
  runWithPerturbation,
} from './harness.js';

const domain = getDomain('terminal');

const spec = {
  id: 'real-perturbations-terminal',
  domain: 'terminal',
  dialect: 'terminus',
  task: 'Work with files and programs.',
  initialState: { data: { cwd: '/workspace', user: 'root', host: 'perturb', home: '/root' } },
};

const keys = (...lines: string[]): unknown => lines.map((line) => ({ keystrokes: `${line}\n`, duration: 5 }));

/** A real session per catalog entry: setup turns, then the turn the entry applies to (the last one). */
const CASES: Readonly<Record<string, PerturbationCase>> = {
  'no-space-left': { actions: [keys('echo hello > notes.txt && cat notes.txt')] },
  'read-only-filesystem': { actions: [keys('mkdir build && touch build/out.o && ls build')] },
  'permission-denied': {
    actions: [keys('echo secret > key.txt'), keys('cat key.txt')],
  },
  'file-missing': { actions: [keys('echo data > input.csv'), keys('cat input.csv')] },
  'command-not-found': { actions: [keys('git --version')] },
  'network-unreachable': {
    // The sandbox has no network, so the real curl already fails to resolve; the rendering says the route is gone.
    actions: [keys('curl -sS https://example.com/ -o page.html')],
    params: { failure: 'unreachable' },
  },
  'command-hangs': { actions: [keys('python3 -c "print(42)"')], params: { output: 'starting' } },
  'oom-killed': {
    actions: [keys('python3 -c "for i in range(5): print(i)" && echo finished')],
  },
};

/** Catalog entries that cannot manifest on the real terminal engine, each with the reason. None so far. */
const CANNOT_MANIFEST: Readonly<Record<string, string>> = {};

describe('terminal perturbations on the real engine (bash in bubblewrap)', { timeout: 600_000 }, () => {
  const run = catalogOnRealEngine({
    domain,
    spec,
    cases: CASES,
    makeEngine: () => createRealEngine('terminal'),
    cannotManifest: CANNOT_MANIFEST,
    into: 'screen',
  });

  it("network-unreachable keeps what the rest of the line prints: `curl …; echo status $?` shows the failure's status", async () => {
    const outcome = await runWithPerturbation(run.engine(), run.log, spec, 'network-unreachable', {
      actions: [keys('curl -sS https://example.com/ -o page.html; echo status $?; echo done')],
      params: { failure: 'unreachable' },
    });
    assertManifested(outcome);
    const command = 'curl -sS https://example.com/ -o page.html; echo status $?; echo done';
    const after = (screen: string): string[] => {
      const lines = screen.split('\n');
      const start = lines.findIndex((line) => line.endsWith(`# ${command}`));
      assert.ok(start >= 0, screen);
      return lines.slice(start + 1, start + 4);
    };
    // The real sandbox has no network: its curl fails on its own, and the echo prints the real status.
    const [realError, realStatus, realDone] = after(outcome.real.observation);
    assert.match(realError ?? '', /^curl: \(\d+\) /);
    assert.match(realStatus ?? '', /^status [1-9]\d*$/);
    assert.equal(realDone, 'done');
    // The rendering replaces curl's error and lets the rest of the line through, with $? as curl's (7).
    assert.deepEqual(after(outcome.turn.observation), [
      'curl: (7) Failed to connect to example.com port 443 after 0 ms: Network is unreachable',
      'status 7',
      'done',
    ]);
  });
});
