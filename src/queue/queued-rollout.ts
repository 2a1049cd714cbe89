/**
 * `agentworld rollout --queue`: the same plan and resume as `runBatch` (episodes already scored in --out are
 * skipped, infrastructure failures run again), each group with members still to run a job for `agentworld
 * worker`; followed with the rollout's progress bar, then the episodes appended to --out in plan order.
 */
import { resolve } from 'node:path';
import type { CallOptions } from '../core/abort.js';
import { AgentWorldError } from '../core/errors.js';
import { countBlame } from '../rollout/blame.js';
import { EpisodeLog } from '../rollout/episode-log.js';
import { createBatchProgress } from '../rollout/progress.js';
import type { BatchReport } from '../rollout/run-batch.js';
import { groupSeed } from '../rollout/run-batch.js';
import { groupWarnings } from '../rollout/run-group.js';
import { type EpisodeLine, EpisodeLineSchema, episodeKey, type LoadedTask } from '../rollout/types.js';
import type { ItemResultStore } from '../store/item-results.js';
import { followRun } from './follow-run.js';
import { itemKeyOf, runIdOf } from './job-ids.js';
import type { RolloutGroupJob } from './job-schemas.js';
import type { FailedJob, RunQueue } from './run-queue.js';

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

export interface QueuedRolloutReport extends BatchReport {
  readonly runId: string;
  readonly failedJobs: readonly FailedJob[];
}

function episodeOf(value: unknown, itemKey: string): EpisodeLine {
  const parsed = EpisodeLineSchema.safeParse(value);
  if (!parsed.success)
    throw new AgentWorldError('STORE_ERROR', `The stored result of ${itemKey} is not an episode line.`);
  return parsed.data;
}

export async function runQueuedRollout(options: QueuedRolloutOptions): Promise<QueuedRolloutReport> {
  const groupSize = options.groupSize ?? 1;
  if (!Number.isInteger(groupSize) || groupSize < 1)
    throw new AgentWorldError('INVALID_REQUEST', `groupSize must be a positive integer, got ${groupSize}.`);
  const ids = new Set<string>();
  for (const { task } of options.tasks) {
    if (ids.has(task.id)) throw new AgentWorldError('INVALID_REQUEST', `Task ${task.id} is listed twice.`);
    ids.add(task.id);
  }
  const log = await EpisodeLog.open(options.outPath, options);
  const warnings: string[] = [];
  const warn = (message: string): void => {
    warnings.push(message);
    options.onWarning?.(message);
  };
  for (const message of log.warnings) warn(message);
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
    await options.queue.enqueue(runId, jobs, options);
    options.log?.(`rollout: ${items.length} episodes in ${jobs.length} groups queued as run ${runId}`);
    const progress = await createBatchProgress(planned, skipped, options.progress ?? true);
    let followed: Awaited<ReturnType<typeof followRun>>;
    let shown = 0;
    try {
      followed = await followRun({
        queue: options.queue,
        store: options.store,
        runId,
        itemKeys: items.map((item) => item.itemKey),
        readArrivals: true,
        onProgress: (state) => {
          for (const result of state.arrived) {
            shown += 1;
            const blame = EpisodeLineSchema.shape.blame.safeParse(
              (result.value as { blame?: unknown } | null)?.blame,
            );
            progress.update(skipped + shown, blame.success ? blame.data : 'infrastructure');
          }
        },
        log: options.log,
        pollMs: options.pollMs,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
    } finally {
      progress.stop();
    }
    let ran = 0;
    for (const { itemKey } of items) {
      const result = followed.results.get(itemKey);
      if (result === undefined) continue;
      await log.append(episodeOf(result.value, itemKey));
      ran += 1;
    }
    for (const loaded of options.tasks) {
      for (let episodeIndex = 0; episodeIndex < options.episodesPerTask; episodeIndex++) {
        const lines = Array.from({ length: groupSize }, (_, member) =>
          log.committed.get(episodeKey({ taskId: loaded.task.id, episodeIndex, member })),
        ).filter((line): line is EpisodeLine => line !== undefined);
        if (lines.length === groupSize) for (const message of groupWarnings(lines)) warn(message);
      }
    }
    for (const job of followed.failed)
      warn(`job ${job.jobId} (${job.itemKeys.join(', ')}) failed: ${job.reason}`);
    const committed = [...log.committed.values()];
    const scored = committed.filter((line) => line.reward !== undefined);
    return {
      outPath: options.outPath,
      planned,
      skipped,
      retried,
      ran,
      counts: countBlame(committed),
      meanReward:
        scored.length === 0
          ? undefined
          : scored.reduce((sum, line) => sum + (line.reward ?? 0), 0) / scored.length,
      warnings,
      runId,
      failedJobs: followed.failed,
    };
  } finally {
    await log.close();
  }
}
