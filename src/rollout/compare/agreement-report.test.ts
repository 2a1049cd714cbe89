import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EPISODE_FORMAT, type EpisodeLine, EpisodeLineSchema } from '../types.js';
import { buildCompareReport, CompareReportSchema, type PolicyEpisodes } from './agreement-report.js';
import { formatCompareReport } from './format-report.js';
import { replayedActionsOf } from './replay-in-real.js';

/** A committed episode of a task: its reward (undefined: an infrastructure failure). */
function episode(taskId: string, reward: number | undefined, episodeIndex = 0): EpisodeLine {
  return EpisodeLineSchema.parse({
    format: EPISODE_FORMAT,
    version: 1,
    taskId,
    episodeIndex,
    groupId: `${taskId}#${episodeIndex}`,
    member: 0,
    groupSize: 1,
    seed: 7,
    policySeed: 7,
    policyId: 'p',
    blame: reward === undefined ? 'infrastructure' : reward === 1 ? 'success' : 'failure',
    ...(reward === undefined ? {} : { reward }),
    terminated: true,
    truncated: false,
    policyTokens: 0,
    invalidReplies: 0,
    attempts: 1,
    decisions: [],
    messages: [],
    finishedAt: '2026-01-01T00:00:00.000Z',
  });
}

/** One policy's episodes on tasks a, b, c …: a reward, undefined (an infrastructure failure) or null (none). */
function sides(
  sim: readonly (number | undefined | null)[],
  real: readonly (number | undefined | null)[],
  replay: readonly (number | undefined | null)[],
): PolicyEpisodes {
  const on = (rewards: readonly (number | undefined | null)[]) =>
    rewards.flatMap((reward, index) => (reward === null ? [] : [episode('abc'.charAt(index), reward)]));
  return { sim: on(sim), real: on(real), replay: on(replay) };
}

const base = { simEngine: 'lwm', realEngine: 'real', taskIds: ['a', 'b'], episodesPerTask: 1, seed: 0 };

describe('the agreement report', () => {
  it('ranks the policies on each side, computes τ from the means, and the per-task gaps', () => {
    const report = buildCompareReport({
      ...base,
      policies: [
        { id: 'solution', episodes: sides([1, 1], [1, 1], [1, 1]) },
        // The simulator flatters partial on task b: it succeeds there in sim only.
        { id: 'partial', episodes: sides([0, 1], [0, 0], [0, 0]) },
        { id: 'noop', episodes: sides([0, 0], [0, 0.5], [0, 0]) },
      ],
    });
    CompareReportSchema.parse(report);
    assert.deepEqual(
      report.policies.map((policy) => [policy.id, policy.sim.meanReward, policy.real.meanReward]),
      [
        ['solution', 1, 1],
        ['partial', 0.5, 0],
        ['noop', 0, 0.25],
      ],
    );
    assert.deepEqual(
      report.ranking.real.map((entry) => [entry.id, entry.rank]),
      [
        ['solution', 1],
        ['noop', 2],
        ['partial', 3],
      ],
    );
    // sim order solution > partial > noop, real solution > noop > partial: one discordant pair of three.
    assert.deepEqual(report.kendallTau.simVsReal, { tau: 1 / 3, policies: 3, concordant: 2, discordant: 1 });
    // replay ties partial and noop at 0: τ-b = 2 / √(2 · 3).
    assert.ok(Math.abs((report.kendallTau.replayVsReal.tau ?? 0) - 2 / Math.sqrt(6)) < 1e-12);
    const taskB = report.perTask.find((row) => row.taskId === 'b');
    assert.deepEqual(
      taskB?.policies.map((entry) => [entry.id, entry.gap]),
      [
        ['solution', 0],
        ['partial', 1],
        ['noop', -0.5],
      ],
    );
    assert.equal(taskB?.meanAbsGap, 0.5);
    assert.equal(report.perTask[0]?.meanAbsGap, 0);
    assert.equal(report.meanAbsGap, 0.25);
    // Sim successes: solution a, b and partial b; the last fails when replayed in real.
    assert.deepEqual(report.successAgreement.precision, { of: 3, held: 2, share: 2 / 3 });
    assert.deepEqual(report.successAgreement.recall, { of: 2, held: 2, share: 1 });

    const text = formatCompareReport(report);
    assert.match(
      text,
      /Kendall's τ-b sim vs real: 0\.333 over 3 policies \(2 concordant, 1 discordant pairs\)/,
    );
    assert.match(text, /^partial +0\.500 \(#2\) +0\.000 \(#3\) +0\.000 \(#2\) +0\/0\/0$/m);
    assert.match(text, /largest per-task gaps[\s\S]*^b +0\.500 +\+0\.00 +\+1\.00 +-0\.50$/m);
  });

  it('compares only the slots scored everywhere: infrastructure episodes are left out and counted', () => {
    const report = buildCompareReport({
      ...base,
      taskIds: ['a', 'b', 'c'],
      policies: [
        // The simulator fails on b when the solution acts there; noop, which never acts, is scored on b.
        { id: 'solution', episodes: sides([1, undefined, 1], [1, 1, 1], [1, null, 1]) },
        { id: 'noop', episodes: sides([0, 0, 0], [undefined, 0, 0], [0, 0, 0]) },
      ],
    });
    CompareReportSchema.parse(report);
    assert.deepEqual(report.compared, { slots: 1, excluded: 2 });
    assert.deepEqual(report.infrastructure, { sim: 1, real: 1, replay: 0 });
    const [solution, noop] = report.policies;
    assert.deepEqual(solution?.sim, { meanReward: 1, successes: 1, scored: 2, infrastructure: 1 });
    assert.deepEqual(noop?.real, { meanReward: 0, successes: 0, scored: 2, infrastructure: 1 });
    // Only task c is compared: a and b have no means, so no gap.
    assert.deepEqual(
      report.perTask.map((row) => [row.taskId, row.meanAbsGap]),
      [
        ['a', undefined],
        ['b', undefined],
        ['c', 0],
      ],
    );
    assert.deepEqual(report.successAgreement.precision, { of: 1, held: 1, share: 1 });
    assert.deepEqual(report.kendallTau.simVsReal, { tau: 1, policies: 2, concordant: 1, discordant: 0 });
    assert.match(
      formatCompareReport(report),
      /over the 1 episode slots scored everywhere \(2 left out: infrastructure\):/,
    );
  });

  it('leaves τ out when nothing can be ranked, and ignores episodes outside the compare', () => {
    const report = buildCompareReport({
      ...base,
      taskIds: ['a'],
      policies: [
        {
          id: 'solution',
          episodes: {
            sim: [episode('a', 1), episode('zzz', 0), episode('a', 0, 5)],
            real: [episode('a', 1)],
            replay: [episode('a', 1)],
          },
        },
        {
          id: 'noop',
          episodes: { sim: [episode('a', 1)], real: [episode('a', 0)], replay: [episode('a', 1)] },
        },
      ],
    });
    assert.equal(report.policies[0]?.sim.scored, 1);
    assert.deepEqual(report.compared, { slots: 1, excluded: 0 });
    // Both policies score 1 in the simulator: nothing to rank there.
    assert.deepEqual(report.kendallTau.simVsReal, { policies: 2, concordant: 0, discordant: 0 });
    assert.deepEqual(report.successAgreement.precision, { of: 2, held: 2, share: 1 });
    assert.match(formatCompareReport(report), /Kendall's τ-b sim vs real: – over 2 policies/);
  });

  it('replays the valid actions of a simulated episode, in order, with its answer', () => {
    const line = EpisodeLineSchema.parse({
      ...episode('a', 1),
      finalAnswer: '42',
      decisions: [
        { step: 0, reply: 'ls', action: 'ls', done: false, turnIndex: 1 },
        { step: 1, reply: 'rm -rf', done: false, invalid: 'no JSON' },
        { step: 2, reply: 'bad', action: { name: 'nope' }, invalid: 'unknown tool', done: false },
        { step: 3, reply: 'pwd', action: 'pwd', done: true, finalAnswer: '42', turnIndex: 2 },
      ],
    });
    assert.deepEqual(replayedActionsOf(line), { actions: ['ls', 'pwd'], finalAnswer: '42' });
  });
});
