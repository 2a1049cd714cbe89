import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { seededUniform } from '../core/seeded-random.js';
import { memberSeed, runGroup } from './run-group.js';
import {
  loadedTask,
  type ScriptedPolicyLog,
  scriptedPolicyFactory,
  stubScorer,
  terminalReplay,
} from './test-support.js';

const { engine, spec, recorded } = await terminalReplay();
const actions = recorded.turns.slice(0, 4).map((turn) => turn.action);
const script = [...actions.map((action) => ({ action })), { done: true as const, answer: 'done' }];
/** A per-turn rule: each member draws it on every turn from its own seed. */
const perturbed = {
  ...spec,
  perturbations: [{ perturbation: 'command-not-found', params: {}, when: { every: 1, probability: 0.5 } }],
};

/** The turns on which member `seed` draws the rule (seededUniform(seed, 'turn', rule, turn) < p). */
function draws(seed: number): boolean[] {
  return [1, 2, 3, 4].map((turn) => seededUniform(seed, 'turn', 0, turn) < 0.5);
}

describe('runGroup', () => {
  it('forks 4 members from one reset, each with its own seed, policy seed and perturbation draws', async () => {
    // A group seed whose 4 members do not all draw alike (found deterministically).
    let seed = 100;
    while (new Set([0, 1, 2, 3].map((member) => JSON.stringify(draws(memberSeed(seed, member))))).size < 3)
      seed += 1;
    const log: ScriptedPolicyLog = { turns: [], seeds: [] };
    const result = await runGroup({
      loaded: loadedTask('group', perturbed),
      engine,
      policyFactory: scriptedPolicyFactory(script, { log }),
      score: stubScorer(),
      episodeIndex: 0,
      seed,
      groupSize: 4,
    });
    assert.equal(result.members.length, 4);
    const seeds = result.members.map((member) => member.seed);
    assert.equal(new Set(seeds).size, 4);
    assert.deepEqual(
      seeds,
      [0, 1, 2, 3].map((member) => memberSeed(seed, member)),
    );
    assert.deepEqual([...log.seeds].sort(), [...seeds].sort(), 'each policy samples with its member seed');
    assert.deepEqual(
      result.members.map((member) => member.record?.seed),
      seeds,
    );
    // Members share the reset: the same root as parent, forked at turn 0.
    const parents = new Set(result.members.map((member) => member.record?.parentId));
    assert.equal(parents.size, 1);
    assert.ok(result.members.every((member) => member.record?.forkedAtTurn === 0));
    // Each member's injections follow its own draws.
    for (const member of result.members) {
      const injected = (member.record?.turns ?? []).map((turn) =>
        turn.events.some((event) => event.type === 'perturbation.injected'),
      );
      const drawn = draws(member.seed);
      for (let turn = 0; turn < injected.length; turn++)
        if (injected[turn]) assert.ok(drawn[turn], `member ${member.member} injected on an undrawn turn`);
    }
    const patterns = result.members.map((member) =>
      JSON.stringify(member.record?.turns.map((turn) => turn.observation)),
    );
    assert.ok(new Set(patterns).size > 1, 'members saw different observations');
    assert.deepEqual(result.warnings, []);
  });

  it('warns when all members produced identical trajectories (no learning signal)', async () => {
    const result = await runGroup({
      loaded: loadedTask('identical', spec),
      engine,
      policyFactory: scriptedPolicyFactory(script),
      score: stubScorer(),
      episodeIndex: 0,
      seed: 3,
      groupSize: 3,
    });
    assert.equal(new Set(result.members.map((member) => member.seed)).size, 3);
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0] ?? '', /identical trajectories/);
  });

  it('members whose policies sample differently are not flagged', async () => {
    const result = await runGroup({
      loaded: loadedTask('varied', spec),
      engine,
      policyFactory: scriptedPolicyFactory(script, { vary: true }),
      score: stubScorer(),
      episodeIndex: 0,
      seed: 3,
      groupSize: 2,
    });
    assert.deepEqual(result.warnings, []);
  });
});
