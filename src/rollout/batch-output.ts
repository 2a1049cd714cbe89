/**
 * What a rollout batch shares with its queued form (`rollout --queue`): the checks on its tasks and group size,
 * the output opened with its warnings gathered, and the outcome of the output's episodes for the report.
 */
import type { CallOptions } from '../core/abort.js';
import { AgentWorldError } from '../core/errors.js';
import { type BlameCounts, countBlame } from './blame.js';
import { EpisodeLog } from './episode-log.js';
import type { LoadedTask } from './types.js';

/** The group size (default 1), refused unless a positive integer. */
export function checkedGroupSize(groupSize: number | undefined): number {
  const size = groupSize ?? 1;
  if (!Number.isInteger(size) || size < 1)
    throw new AgentWorldError('INVALID_REQUEST', `groupSize must be a positive integer, got ${size}.`);
  return size;
}

/** Refuses a task listed twice (its episodes would share keys). */
export function checkDistinctTasks(tasks: readonly LoadedTask[]): void {
  const ids = new Set<string>();
  for (const { task } of tasks) {
    if (ids.has(task.id)) throw new AgentWorldError('INVALID_REQUEST', `Task ${task.id} is listed twice.`);
    ids.add(task.id);
  }
}

export interface BatchOutput {
  readonly log: EpisodeLog;
  /** Every warning so far, the output's own first. */
  readonly warnings: readonly string[];
  /** Adds a warning and tells `onWarning`. */
  readonly warn: (message: string) => void;
}

/** Opens the batch's output (resuming it), its warnings passed on through `warn`. */
export async function openBatchOutput(
  outPath: string,
  onWarning: (message: string) => void,
  options: CallOptions = {},
): Promise<BatchOutput> {
  const log = await EpisodeLog.open(outPath, options);
  const warnings: string[] = [];
  const warn = (message: string): void => {
    warnings.push(message);
    onWarning(message);
  };
  for (const message of log.warnings) warn(message);
  return { log, warnings, warn };
}

/** The output's episodes (the latest line of each) by blame, and the mean reward of the scored ones. */
export function outputOutcome(log: EpisodeLog): { counts: BlameCounts; meanReward: number | undefined } {
  const committed = [...log.committed.values()];
  const scored = committed.filter((line) => line.reward !== undefined);
  return {
    counts: countBlame(committed),
    meanReward:
      scored.length === 0
        ? undefined
        : scored.reduce((sum, line) => sum + (line.reward ?? 0), 0) / scored.length,
  };
}
