import type { WorldSpec } from '../core/world-spec.js';
import type { EpisodeBudgets, LoadedTask, ResolvedBudgets } from './types.js';

/**
 * The spec of one episode: the task's prepared spec with the curriculum stage in force at this episode index
 * (the last stage whose `fromEpisode` is at or below it) added to the spec's own perturbation rules.
 */
export function specForEpisode(loaded: LoadedTask, episodeIndex: number): WorldSpec {
  let stage: LoadedTask['task']['curriculum'][number] | undefined;
  for (const candidate of loaded.task.curriculum) {
    if (
      candidate.fromEpisode <= episodeIndex &&
      (stage === undefined || candidate.fromEpisode >= stage.fromEpisode)
    )
      stage = candidate;
  }
  if (stage === undefined || stage.perturbations.length === 0) return loaded.spec;
  return { ...loaded.spec, perturbations: [...loaded.spec.perturbations, ...stage.perturbations] };
}

/** Budgets in force: the caller's, else the task's; turns are also capped by the spec's `maxTurns`. */
export function resolveBudgets(
  loaded: LoadedTask,
  spec: WorldSpec,
  budgets: EpisodeBudgets = {},
): ResolvedBudgets {
  const maxTurns = budgets.maxTurns ?? loaded.task.budgets.maxTurns ?? spec.maxTurns;
  return {
    maxTurns: Math.min(maxTurns, spec.maxTurns),
    maxTokens: budgets.maxTokens ?? loaded.task.budgets.maxTokens ?? Number.POSITIVE_INFINITY,
    maxSeconds: budgets.maxSeconds ?? loaded.task.budgets.maxSeconds ?? Number.POSITIVE_INFINITY,
  };
}
