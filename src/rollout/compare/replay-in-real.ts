/**
 * Replay-in-real: a simulated episode's actions played again on the real engine and scored there. It answers
 * "would what the agent did in the simulator have worked for real?" apart from whether the simulator showed
 * the agent the right observations. The actions are the decisions' `action`s in order, invalid decisions left
 * out (the world never stepped them); the replay resets with the simulated episode's seed and episode index, so
 * the same perturbation draws (rendered by the real engine) and the same curriculum stage apply, and ends with
 * the episode's final answer. Each replay is committed at once to its own JSONL (the rollout episode format,
 * policy id `replay`), so a killed compare resumes without replaying a scored episode twice.
 */
import { setMaxListeners } from 'node:events';
import pLimit from 'p-limit';
import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import type { Engine } from '../../core/engine.js';
import { withPolicyId } from '../../policies/degraded-policies.js';
import { SolutionPolicy } from '../../policies/solution-policy.js';
import type { ScoreEpisode } from '../../tasks/scoring.js';
import { EpisodeLog } from '../episode-log.js';
import { createBatchProgress } from '../progress.js';
import { runEpisode } from '../run-episode.js';
import { type Clock, type EpisodeBudgets, type EpisodeLine, episodeKey, type LoadedTask } from '../types.js';

/** The policy id replayed episodes are recorded under. */
export const REPLAY_POLICY_ID = 'replay';

/** What a simulated episode did: its valid actions in order and its final answer. */
export function replayedActionsOf(line: EpisodeLine): {
  readonly actions: readonly unknown[];
  readonly finalAnswer: string | undefined;
} {
  const actions = line.decisions
    .filter((decision) => decision.invalid === undefined && decision.action !== undefined)
    .map((decision) => decision.action);
  return { actions, finalAnswer: line.finalAnswer };
}

/** How episodes of a compare run: limits, budgets, retries and reporting, shared by every side and the replays. */
export interface EpisodeRunSettings {
  readonly concurrency?: number | undefined;
  readonly budgets?: EpisodeBudgets | undefined;
  readonly maxInfraRetries?: number | undefined;
  readonly episodeTimeoutMs?: number | undefined;
  readonly clock?: Clock | undefined;
  readonly progress?: boolean | undefined;
  readonly onWarning?: ((message: string) => void) | undefined;
}

export interface ReplayInRealOptions extends CallOptions, EpisodeRunSettings {
  readonly tasks: readonly LoadedTask[];
  /** The simulated episodes to replay; infrastructure ones are left out (they have nothing to replay). */
  readonly simulated: readonly EpisodeLine[];
  readonly engine: Engine;
  readonly score: ScoreEpisode;
  /** The replays' JSONL; rerunning with the same path resumes. */
  readonly outPath: string;
}

export interface ReplayInRealReport {
  readonly outPath: string;
  readonly planned: number;
  readonly skipped: number;
  readonly ran: number;
}

/** Replays every scored simulated episode on the real engine, committing each replay at once. */
export async function replayInReal(options: ReplayInRealOptions): Promise<ReplayInRealReport> {
  throwIfAborted(options.signal);
  const byId = new Map(options.tasks.map((loaded) => [loaded.task.id, loaded]));
  const log = await EpisodeLog.open(options.outPath, options);
  for (const message of log.warnings) options.onWarning?.(message);
  const replayable = options.simulated.filter(
    (line) => line.blame !== 'infrastructure' && byId.has(line.taskId),
  );
  // As in a rollout: a replay committed as an infrastructure failure runs again (its old line stays as history).
  const todo = replayable.filter((line) => !log.isDone(episodeKey(line)));
  const skipped = replayable.length - todo.length;
  const internal = new AbortController();
  const signal =
    options.signal === undefined ? internal.signal : AbortSignal.any([options.signal, internal.signal]);
  setMaxListeners(0, signal);
  const limit = pLimit(options.concurrency ?? 4);
  const progress = await createBatchProgress(replayable.length, skipped, options.progress ?? true);
  let ran = 0;
  let fatal: unknown;
  const jobs = todo.map((simulated) =>
    limit(async () => {
      throwIfAborted(signal);
      const { actions, finalAnswer } = replayedActionsOf(simulated);
      const line = await runEpisode({
        loaded: byId.get(simulated.taskId) as LoadedTask,
        engine: options.engine,
        policyFactory: () => withPolicyId(new SolutionPolicy(actions, finalAnswer), REPLAY_POLICY_ID),
        score: options.score,
        seed: simulated.seed,
        episodeIndex: simulated.episodeIndex,
        budgets: options.budgets,
        clock: options.clock,
        maxInfraRetries: options.maxInfraRetries,
        episodeTimeoutMs: options.episodeTimeoutMs,
        signal,
      });
      throwIfAborted(signal);
      // Keyed as the simulated episode it replays (runEpisode plays a lone member 0).
      await log.append({ ...line, member: simulated.member, groupSize: simulated.groupSize });
      ran += 1;
      progress.update(skipped + ran, line.blame);
    }).catch((error: unknown) => {
      if (!signal.aborted) {
        fatal ??= error;
        internal.abort(error);
      }
    }),
  );
  try {
    await Promise.all(jobs);
  } finally {
    progress.stop();
    await log.close();
  }
  if (fatal !== undefined) throw fatal;
  throwIfAborted(options.signal);
  return { outPath: options.outPath, planned: replayable.length, skipped, ran };
}
