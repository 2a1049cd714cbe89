/**
 * The sim-vs-real agreement report: from the committed episodes of every policy in the simulator, on the real
 * engine, and replayed in real, it answers "does the simulator rank policies as reality does, by how much does
 * it misjudge each task, and do its successes hold up for real?". Infrastructure episodes are never scored:
 * they are counted, and every mean, rank, gap and pair is taken over the episode slots (task, episode index)
 * scored on all three sides for every policy, so no policy is ranked on tasks another one was spared (a
 * simulator that fails on a task only when the agent acts there would otherwise flatter the agents that don't).
 */
import { z } from 'zod';
import type { EpisodeLine } from '../types.js';
import { episodeKey } from '../types.js';
import { kendallTauB, rankByScore } from './kendall-tau.js';

export const COMPARE_REPORT_FORMAT = 'agentworld.rollout-compare';

export const SIDES = ['sim', 'real', 'replay'] as const;
export type Side = (typeof SIDES)[number];

const SideSummarySchema = z.object({
  /** Mean reward over the compared slots; absent when there are none. */
  meanReward: z.number().optional(),
  /** Successes among the compared slots. */
  successes: z.number().int().nonnegative(),
  /** Scored episodes of this side (compared or not). */
  scored: z.number().int().nonnegative(),
  /** Infrastructure episodes of this side: never scored. */
  infrastructure: z.number().int().nonnegative(),
});
export type SideSummary = z.infer<typeof SideSummarySchema>;

const RankedSchema = z.object({ id: z.string(), score: z.number(), rank: z.number().int().positive() });

const TauSchema = z.object({
  /** Kendall's τ-b over the policies' mean rewards; absent when undefined (under two policies, all tied). */
  tau: z.number().min(-1).max(1).optional(),
  /** Policies scored on both sides (the τ's n). */
  policies: z.number().int().nonnegative(),
  concordant: z.number().int().nonnegative(),
  discordant: z.number().int().nonnegative(),
});

const ShareSchema = z.object({
  /** Episodes the share is over. */
  of: z.number().int().nonnegative(),
  /** Of them, the ones that held. */
  held: z.number().int().nonnegative(),
  /** held / of; absent when `of` is 0. */
  share: z.number().min(0).max(1).optional(),
});

const TaskPolicyGapSchema = z.object({
  id: z.string(),
  sim: z.number().optional(),
  real: z.number().optional(),
  replay: z.number().optional(),
  /** sim − real (mean rewards on this task); absent when either side has no scored episode. */
  gap: z.number().optional(),
});

const TaskRowSchema = z.object({
  taskId: z.string(),
  policies: z.array(TaskPolicyGapSchema),
  /** Mean of |gap| over the policies with one. */
  meanAbsGap: z.number().nonnegative().optional(),
});
export type TaskRow = z.infer<typeof TaskRowSchema>;

export const CompareReportSchema = z.object({
  format: z.literal(COMPARE_REPORT_FORMAT),
  version: z.literal(1),
  simEngine: z.string(),
  realEngine: z.string(),
  tasks: z.number().int().nonnegative(),
  episodesPerTask: z.number().int().nonnegative(),
  seed: z.number().int(),
  policies: z.array(
    z.object({ id: z.string(), sim: SideSummarySchema, real: SideSummarySchema, replay: SideSummarySchema }),
  ),
  /** Policies by mean reward, best first; equal means share a rank. */
  ranking: z.object({
    sim: z.array(RankedSchema),
    real: z.array(RankedSchema),
    replay: z.array(RankedSchema),
  }),
  kendallTau: z.object({ simVsReal: TauSchema, replayVsReal: TauSchema }),
  /**
   * Over episode pairs scored in both: simulated successes whose replay in real succeeds too ("sim success
   * precision"), and replays that succeed in real whose simulated episode succeeded too (recall).
   */
  successAgreement: z.object({ precision: ShareSchema, recall: ShareSchema }),
  /** Per task, in task order. */
  perTask: z.array(TaskRowSchema),
  /** Mean of the tasks' mean |gap|. */
  meanAbsGap: z.number().nonnegative().optional(),
  /**
   * Episode slots (task, episode index) scored on every side for every policy — what the means, ranks, gaps
   * and pairs are over — and the slots left out (some policy's episode on some side failed for infrastructure
   * reasons, or is not committed).
   */
  compared: z.object({ slots: z.number().int().nonnegative(), excluded: z.number().int().nonnegative() }),
  infrastructure: z.object({
    sim: z.number().int().nonnegative(),
    real: z.number().int().nonnegative(),
    replay: z.number().int().nonnegative(),
  }),
  /** What this run did: episodes run now and found committed (a rerun with the same --out resumes). */
  episodes: z.object({ ran: z.number().int().nonnegative(), skipped: z.number().int().nonnegative() }),
});
export type CompareReport = z.infer<typeof CompareReportSchema>;

/** Every committed episode of one policy, by side. */
export type PolicyEpisodes = Readonly<Record<Side, readonly EpisodeLine[]>>;

export interface CompareReportInput {
  readonly simEngine: string;
  readonly realEngine: string;
  /** Task ids, in order. */
  readonly taskIds: readonly string[];
  readonly episodesPerTask: number;
  readonly seed: number;
  /** Policy ids in roster order, each with its episodes. */
  readonly policies: readonly { readonly id: string; readonly episodes: PolicyEpisodes }[];
  readonly episodes?: { readonly ran: number; readonly skipped: number } | undefined;
}

function mean(values: readonly number[]): number | undefined {
  return values.length === 0 ? undefined : values.reduce((sum, value) => sum + value, 0) / values.length;
}

function rewards(lines: readonly EpisodeLine[]): number[] {
  return lines.flatMap((line) => (line.reward === undefined ? [] : [line.reward]));
}

function summarize(all: readonly EpisodeLine[], compared: readonly EpisodeLine[]): SideSummary {
  const meanReward = mean(rewards(compared));
  return {
    ...(meanReward === undefined ? {} : { meanReward }),
    successes: compared.filter((line) => line.blame === 'success').length,
    scored: rewards(all).length,
    infrastructure: all.filter((line) => line.blame === 'infrastructure').length,
  };
}

function share(of: number, held: number): z.infer<typeof ShareSchema> {
  return { of, held, ...(of === 0 ? {} : { share: held / of }) };
}

function tauOf(
  policies: readonly { id: string; first: number | undefined; second: number | undefined }[],
): z.infer<typeof TauSchema> {
  const both = policies.filter((policy) => policy.first !== undefined && policy.second !== undefined);
  const result = kendallTauB(
    both.map((policy) => policy.first as number),
    both.map((policy) => policy.second as number),
  );
  return {
    ...(result.tau === undefined ? {} : { tau: result.tau }),
    policies: result.n,
    concordant: result.concordant,
    discordant: result.discordant,
  };
}

/** Only the episodes this compare asked for (a reused --out may hold others). */
function inScope(lines: readonly EpisodeLine[], input: CompareReportInput): EpisodeLine[] {
  const tasks = new Set(input.taskIds);
  return lines.filter((line) => tasks.has(line.taskId) && line.episodeIndex < input.episodesPerTask);
}

/** The slots every policy has scored on every side. */
function commonSlots(policies: readonly Readonly<Record<Side, readonly EpisodeLine[]>>[]): {
  common: Set<string>;
  all: Set<string>;
} {
  const all = new Set<string>();
  const counts = new Map<string, number>();
  for (const policy of policies) {
    for (const side of SIDES) {
      for (const line of policy[side]) {
        const key = episodeKey(line);
        all.add(key);
        if (line.reward !== undefined) counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  const needed = policies.length * SIDES.length;
  return { common: new Set([...counts].filter(([, count]) => count === needed).map(([key]) => key)), all };
}

export function buildCompareReport(input: CompareReportInput): CompareReport {
  const raw = input.policies.map(({ id, episodes }) => ({
    id,
    sim: inScope(episodes.sim, input),
    real: inScope(episodes.real, input),
    replay: inScope(episodes.replay, input),
  }));
  const { common, all } = commonSlots(raw);
  const compared = (lines: readonly EpisodeLine[]) => lines.filter((line) => common.has(episodeKey(line)));
  const policies = raw.map((policy) => ({
    id: policy.id,
    sim: compared(policy.sim),
    real: compared(policy.real),
    replay: compared(policy.replay),
  }));
  const summaries = raw.map((policy, index) => ({
    id: policy.id,
    sim: summarize(policy.sim, policies[index]?.sim ?? []),
    real: summarize(policy.real, policies[index]?.real ?? []),
    replay: summarize(policy.replay, policies[index]?.replay ?? []),
  }));
  const rankingOf = (side: Side) =>
    rankByScore(summaries.map((summary) => ({ id: summary.id, score: summary[side].meanReward })));
  const tauBetween = (side: Side) =>
    tauOf(
      summaries.map((summary) => ({
        id: summary.id,
        first: summary[side].meanReward,
        second: summary.real.meanReward,
      })),
    );

  let simSuccesses = 0;
  let simSuccessesHeld = 0;
  let replaySuccesses = 0;
  let replaySuccessesHeld = 0;
  for (const policy of policies) {
    const replays = new Map(policy.replay.map((line) => [episodeKey(line), line]));
    for (const simulated of policy.sim) {
      const replayed = replays.get(episodeKey(simulated));
      if (simulated.reward === undefined || replayed?.reward === undefined) continue;
      const simSuccess = simulated.blame === 'success';
      const realSuccess = replayed.blame === 'success';
      if (simSuccess) simSuccesses += 1;
      if (simSuccess && realSuccess) simSuccessesHeld += 1;
      if (realSuccess) replaySuccesses += 1;
      if (realSuccess && simSuccess) replaySuccessesHeld += 1;
    }
  }

  const perTask: TaskRow[] = input.taskIds.map((taskId) => {
    const rows = policies.map((policy) => {
      const onTask = (lines: readonly EpisodeLine[]) =>
        mean(rewards(lines.filter((line) => line.taskId === taskId)));
      const sim = onTask(policy.sim);
      const real = onTask(policy.real);
      const replay = onTask(policy.replay);
      return {
        id: policy.id,
        ...(sim === undefined ? {} : { sim }),
        ...(real === undefined ? {} : { real }),
        ...(replay === undefined ? {} : { replay }),
        ...(sim === undefined || real === undefined ? {} : { gap: sim - real }),
      };
    });
    const meanAbsGap = mean(rows.flatMap((row) => (row.gap === undefined ? [] : [Math.abs(row.gap)])));
    return { taskId, policies: rows, ...(meanAbsGap === undefined ? {} : { meanAbsGap }) };
  });
  const meanAbsGap = mean(perTask.flatMap((row) => (row.meanAbsGap === undefined ? [] : [row.meanAbsGap])));
  const infrastructureOf = (side: Side) =>
    summaries.reduce((sum, summary) => sum + summary[side].infrastructure, 0);

  return CompareReportSchema.parse({
    format: COMPARE_REPORT_FORMAT,
    version: 1,
    simEngine: input.simEngine,
    realEngine: input.realEngine,
    tasks: input.taskIds.length,
    episodesPerTask: input.episodesPerTask,
    seed: input.seed,
    policies: summaries,
    ranking: { sim: rankingOf('sim'), real: rankingOf('real'), replay: rankingOf('replay') },
    kendallTau: { simVsReal: tauBetween('sim'), replayVsReal: tauBetween('replay') },
    successAgreement: {
      precision: share(simSuccesses, simSuccessesHeld),
      recall: share(replaySuccesses, replaySuccessesHeld),
    },
    perTask,
    ...(meanAbsGap === undefined ? {} : { meanAbsGap }),
    compared: { slots: common.size, excluded: all.size - common.size },
    infrastructure: {
      sim: infrastructureOf('sim'),
      real: infrastructureOf('real'),
      replay: infrastructureOf('replay'),
    },
    episodes: input.episodes ?? { ran: 0, skipped: 0 },
  });
}
