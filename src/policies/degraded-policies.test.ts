import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAgentWorldError } from '../core/errors.js';
import type { SessionRecord } from '../core/turn.js';
import {
  NoopPolicy,
  noopPolicyFactory,
  partialPolicyFactory,
  partialPrefix,
  partialSolutionPolicy,
  withPolicyId,
} from './degraded-policies.js';
import type { Policy, PolicyDecision } from './policy.js';
import { exampleSessions } from './sessions.test-data.js';
import { SolutionPolicy } from './solution-policy.js';

const terminal = exampleSessions('terminal')[0] as SessionRecord;
const SOLUTION = [
  [{ keystrokes: 'mkdir -p /workspace/project\n', duration: 1 }],
  [{ keystrokes: 'cd /workspace/project && git init -q\n', duration: 1 }],
  [{ keystrokes: 'git commit -q --allow-empty -m init\n', duration: 1 }],
  { analysis: 'Done.', plan: 'Finish.', commands: [], task_complete: true },
];

/** Plays a policy until it says it is done (at most `limit` decisions). */
async function playUntilDone(policy: Policy, limit = 10): Promise<PolicyDecision[]> {
  const decisions: PolicyDecision[] = [];
  for (let step = 0; step < limit; step++) {
    const decision = await policy.decide({ step, spec: terminal.spec, observation: `screen ${step}` });
    decisions.push(decision);
    if (decision.done) break;
  }
  return decisions;
}

describe('degraded policies', () => {
  it('noop ends at its first decision, with no action and no answer', async () => {
    const policy = noopPolicyFactory()(terminal.spec, 'do it', 0);
    assert.ok(policy instanceof NoopPolicy);
    const decisions = await playUntilDone(policy);
    assert.deepEqual(decisions, [{ reply: '', done: true }]);
    assert.equal(policy.id, 'noop');
    assert.deepEqual(policy.messages(), [
      { role: 'user', content: 'screen 0' },
      { role: 'assistant', content: '' },
    ]);
  });

  it('partial plays the first ⌊fraction × n⌋ actions of the solution, then stops without the answer', async () => {
    const half = partialSolutionPolicy(SOLUTION);
    assert.equal(half.id, 'partial');
    const played = await playUntilDone(half);
    assert.deepEqual(
      played.map((decision) => decision.action),
      [SOLUTION[0], SOLUTION[1]],
    );
    assert.equal(played.at(-1)?.done, true);
    assert.ok(played.every((decision) => decision.finalAnswer === undefined));

    const quarter = partialPolicyFactory(() => ({ actions: SOLUTION, answer: '42' }), 0.25)(
      terminal.spec,
      'x',
      7,
    );
    assert.deepEqual(
      (await playUntilDone(quarter)).map((decision) => decision.action),
      [SOLUTION[0]],
    );
    // Deterministic: the same prefix every time, whatever the seed.
    assert.deepEqual(partialPrefix(SOLUTION, 0.5), partialPrefix(SOLUTION, 0.5));
    assert.deepEqual(partialPrefix(SOLUTION, 0), []);
    assert.deepEqual(partialPrefix(SOLUTION, 1), SOLUTION);
  });

  it('refuses a fraction outside [0, 1]', () => {
    for (const fraction of [-0.1, 1.5, Number.NaN]) {
      assert.throws(
        () => partialPolicyFactory(() => ({ actions: SOLUTION }), fraction),
        (error) => isAgentWorldError(error, 'INVALID_REQUEST') && /between 0 and 1/.test(error.message),
      );
    }
  });

  it('withPolicyId renames a policy and keeps its decisions and conversation', async () => {
    const inner = new SolutionPolicy([SOLUTION[0]], 'answer');
    const renamed = withPolicyId(inner, 'replay');
    assert.equal(renamed.id, 'replay');
    const [decision] = await playUntilDone(renamed);
    assert.deepEqual(decision, {
      action: SOLUTION[0],
      reply: JSON.stringify(SOLUTION[0]),
      done: true,
      finalAnswer: 'answer',
    });
    assert.equal(renamed.messages(), inner.messages());
  });
});
