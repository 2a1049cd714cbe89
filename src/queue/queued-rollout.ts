/**
 * `agentworld rollout --queue`: the same plan and resume as `runBatch` (episodes already scored in --out are
 * skipped, infrastructure failures run again), each group with members still to run a job for `agentworld
 * worker`; followed with the rollout's progress bar, then the episodes appended to --out in plan order.
 */
import { resolve } from 'node:path';
import type { CallOptions } from '../core/abort.js';
import {
  checkDistinctTasks,
  checkedGroupSize,
  openBatchOutput,
  outputOutcome,
} from '../rollout/batch-output.js';
import { createBatchProgress } from '../rollout/progress.js';
import type { BatchReport } from '../rollout/run-batch.js';
import { groupSeed } from '../rollout/run-batch.js';
import { groupWarnings } from '../rollout/run-group.js';
import { type EpisodeLine, EpisodeLineSchema, episodeKey, type LoadedTask } from '../rollout/types.js';
import type { ItemResultStore } from '../store/item-results.js';
import { itemKeyOf, runIdOf } from './job-ids.js';
import type { RolloutGroupJob } from './job-schemas.js';
import {
  appendFollowedResults,
  enqueueAndFollow,
  logFailedJobs,
  type QueuedRunOutcome,
  storedLine,
} from './queued-run.js';
import type { RunQueue } from './run-queue.js';

export interface QueuedRolloutOptions extends CallOptions {
  readonly queue: RunQueue;
  readonly store: ItemResultStore;
  readonly tasks: readonly LoadedTask[];
  readonly outPath: string;
  readonly episodesPerTask: number;
  readonly groupSize?: number | undefined;
  readonly seed?: number | undefined;
  /** What each group's job carries besides its task: engine flags, policy, judge, retries, budgets. */
  readonly settings: Pick<
    RolloutGroupJob,
    'engine' | 'policy' | 'judge' | 'maxInfraRetries' | 'episodeTimeoutMs' | 'budgets'
  >;
  readonly progress?: boolean | undefined;
  readonly onWarning?: ((message: string) => void) | undefined;
  readonly onRunId?: ((runId: string) => void) | undefined;
  readonly log?: ((line: string) => void) | undefined;
  readonly pollMs?: number | undefined;
}

export interface QueuedRolloutReport extends BatchReport, QueuedRunOutcome {}

function episodeOf(value: unknown, itemKey: string): EpisodeLine {
  return storedLine(EpisodeLineSchema, 'an episode line', value, itemKey);
}

export async function runQueuedRollout(options: QueuedRolloutOptions): Promise<QueuedRolloutReport> {
  const groupSize = checkedGroupSize(options.groupSize);
  checkDistinctTasks(options.tasks);
  const { log, warnings, warn } = await openBatchOutput(
    options.outPath,
    (message) => options.onWarning?.(message),
    options,
  );
  try {
    const runId = runIdOf('rollout', {
      out: resolve(options.outPath),
      tasks: options.tasks.map((loaded) => loaded.task),
      episodes: options.episodesPerTask,
      groupSize,
      seed: options.seed ?? 0,
      settings: options.settings,
    });
    options.onRunId?.(runId);
    const planned = options.tasks.length * options.episodesPerTask * groupSize;
    let skipped = 0;
    let retried = 0;
    const jobs: { itemKey: string; payload: RolloutGroupJob }[] = [];
    const items: { itemKey: string; key: string }[] = [];
    options.tasks.forEach((loaded, taskIndex) => {
      for (let episodeIndex = 0; episodeIndex < options.episodesPerTask; episodeIndex++) {
        const members: RolloutGroupJob['members'][number][] = [];
        for (let member = 0; member < groupSize; member++) {
          const key = episodeKey({ taskId: loaded.task.id, episodeIndex, member });
          if (log.isDone(key)) {
            skipped += 1;
            continue;
          }
          const earlier = log.committed.get(key);
          if (earlier !== undefined) retried += 1;
          const itemKey = itemKeyOf(key, earlier === undefined ? undefined : earlier.finishedAt);
          const position = (taskIndex * options.episodesPerTask + episodeIndex) * groupSize + member;
          members.push({ member, itemKey, position });
          items.push({ itemKey, key });
        }
        const first = members[0];
        if (first === undefined) continue;
        jobs.push({
          itemKey: first.itemKey,
          payload: {
            kind: 'rollout-group',
            runId,
            task: loaded.task,
            spec: loaded.spec,
            episodeIndex,
            groupSize,
            seed: groupSeed(options.seed ?? 0, loaded.task.id, episodeIndex),
            members,
            ...options.settings,
          },
        });
      }
    });
    let shown = 0;
    const followed = await enqueueAndFollow({
      ...options,
      runId,
      jobs,
      itemKeys: items.map((item) => item.itemKey),
      queuedMessage: `rollout: ${items.length} episodes in ${jobs.length} groups queued as run ${runId}`,
      startProgress: async () => {
        const progress = await createBatchProgress(planned, skipped, options.progress ?? true);
        return {
          onProgress: (state) => {
            for (const result of state.arrived) {
              shown += 1;
              const blame = EpisodeLineSchema.shape.blame.safeParse(
                (result.value as { blame?: unknown } | null)?.blame,
              );
              progress.update(skipped + shown, blame.success ? blame.data : 'infrastructure');
            }
          },
          stop: () => progress.stop(),
        };
      },
      readArrivals: true,
    });
    const ran = await appendFollowedResults(
      followed,
      items.map((item) => item.itemKey),
      episodeOf,
      (line) => log.append(line),
    );
    for (const loaded of options.tasks) {
      for (let episodeIndex = 0; episodeIndex < options.episodesPerTask; episodeIndex++) {
        const lines = Array.from({ length: groupSize }, (_, member) =>
          log.committed.get(episodeKey({ taskId: loaded.task.id, episodeIndex, member })),
        ).filter((line): line is EpisodeLine => line !== undefined);
        if (lines.length === groupSize) for (const message of groupWarnings(lines)) warn(message);
      }
    }
    logFailedJobs(followed.failed, warn);
    return {
      outPath: options.outPath,
      planned,
      skipped,
      retried,
      ran,
      ...outputOutcome(log),
      warnings,
      runId,
      failedJobs: followed.failed,
    };
  } finally {
    await log.close();
  }
}
