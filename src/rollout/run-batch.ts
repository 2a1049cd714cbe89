import { createHash } from 'node:crypto';
import pLimit from 'p-limit';
import { type CallOptions, throwIfAborted } from '../core/abort.js';
import type { Engine } from '../core/engine.js';
import { AgentWorldError } from '../core/errors.js';
import type { PolicyFactory } from '../policies/policy.js';
import type { ScoreEpisode } from '../tasks/scoring.js';
import { checkDistinctTasks, checkedGroupSize, openBatchOutput, outputOutcome } from './batch-output.js';
import type { BlameCounts } from './blame.js';
import { createBatchProgress } from './progress.js';
import { Group, groupWarnings } from './run-group.js';
import { type Clock, type EpisodeBudgets, type EpisodeLine, episodeKey, type LoadedTask } from './types.js';

export interface BatchOptions extends CallOptions {
  readonly tasks: readonly LoadedTask[];
  readonly engine: Engine;
  readonly policyFactory: PolicyFactory;
  readonly score: ScoreEpisode;
  /** The JSONL output; rerunning with the same path resumes. */
  readonly outPath: string;
  readonly episodesPerTask: number;
  /** Members forked from each episode's reset (GRPO groups); default 1. */
  readonly groupSize?: number | undefined;
  /** The run's seed; each group's seed is a hash of (seed, task id, episode index). Default 0. */
  readonly seed?: number | undefined;
  /** Episodes (members) running at once; default 4. */
  readonly concurrency?: number | undefined;
  readonly episodeTimeoutMs?: number | undefined;
  readonly maxInfraRetries?: number | undefined;
  readonly budgets?: EpisodeBudgets | undefined;
  readonly clock?: Clock | undefined;
  /** Show a progress bar (only ever on a TTY); default true. */
  readonly progress?: boolean | undefined;
  readonly onEvent?: ((event: BatchEvent) => void) | undefined;
}

export type BatchEvent =
  | { readonly type: 'episode-committed'; readonly line: EpisodeLine }
  | { readonly type: 'warning'; readonly message: string };

export interface BatchReport {
  readonly outPath: string;
  /** Episodes the run asked for (tasks × episodes × group size). */
  readonly planned: number;
  /** Already committed (scored) before this run (resume). */
  readonly skipped: number;
  /** Committed before as infrastructure failures (never scored) and run again by this run. */
  readonly retried: number;
  /** Committed by this run. */
  readonly ran: number;
  /** Every episode of the output (the latest line of each), by blame. */
  readonly counts: BlameCounts;
  /** Mean reward over scored episodes (infrastructure ones are never scored). */
  readonly meanReward: number | undefined;
  readonly warnings: readonly string[];
}

/**
 * One signal per running episode, each aborted when the run's signal fires. The calls inside an episode (policy
 * requests, world-model requests, slot waits) add and remove abort listeners on its signal; were they all on the
 * run's signal, each add and remove would walk the listeners of every episode running at once (Node's
 * EventTarget checks for duplicates), a fifth of the CPU at 256 episodes.
 */
class EpisodeSignals {
  readonly #running = new Set<AbortController>();

  constructor(private readonly runSignal: AbortSignal) {
    runSignal.addEventListener(
      'abort',
      () => {
        for (const controller of this.#running) controller.abort(runSignal.reason);
      },
      { once: true },
    );
  }

  async run<T>(episode: (signal: AbortSignal) => Promise<T>): Promise<T> {
    throwIfAborted(this.runSignal);
    const controller = new AbortController();
    this.#running.add(controller);
    try {
      return await episode(controller.signal);
    } finally {
      this.#running.delete(controller);
    }
  }
}

/** A group's seed: a hash of the run's seed, the task id and the episode index. */
export function groupSeed(runSeed: number, taskId: string, episodeIndex: number): number {
  const digest = createHash('sha256')
    .update(`agentworld.rollout:${runSeed}:${taskId}:${episodeIndex}`)
    .digest();
  return digest.readUInt32BE(0) % (2 ** 31 - 1);
}

/**
 * Runs tasks × episodes × group members with a concurrency limit, committing every finished episode at once to
 * `outPath` and skipping those already scored there (infrastructure failures run again). Throws ABORTED when the signal fires (after in-flight episodes
 * stop; none of them is written).
 */
export async function runBatch(options: BatchOptions): Promise<BatchReport> {
  const groupSize = checkedGroupSize(options.groupSize);
  if (!Number.isInteger(options.episodesPerTask) || options.episodesPerTask < 0)
    throw new AgentWorldError('INVALID_REQUEST', `episodesPerTask must be a non-negative integer.`);
  checkDistinctTasks(options.tasks);
  throwIfAborted(options.signal);
  const { log, warnings, warn } = await openBatchOutput(
    options.outPath,
    (message) => options.onEvent?.({ type: 'warning', message }),
    options,
  );

  const planned = options.tasks.length * options.episodesPerTask * groupSize;
  let skipped = 0;
  let retried = 0;
  let ran = 0;
  const internal = new AbortController();
  const signal =
    options.signal === undefined ? internal.signal : AbortSignal.any([options.signal, internal.signal]);
  const episodeSignals = new EpisodeSignals(signal);
  const limit = pLimit(options.concurrency ?? 4);
  const plan: { loaded: LoadedTask; episodeIndex: number; todo: number[] }[] = [];
  for (const loaded of options.tasks) {
    for (let episodeIndex = 0; episodeIndex < options.episodesPerTask; episodeIndex++) {
      const todo: number[] = [];
      for (let member = 0; member < groupSize; member++) {
        const key = episodeKey({ taskId: loaded.task.id, episodeIndex, member });
        // An infrastructure failure was never scored: it runs again, its old line stays as history.
        if (log.isDone(key)) skipped += 1;
        else {
          if (log.has(key)) retried += 1;
          todo.push(member);
        }
      }
      if (todo.length > 0) plan.push({ loaded, episodeIndex, todo });
    }
  }
  const progress = await createBatchProgress(planned, skipped, options.progress ?? true);
  let fatal: unknown;
  const jobs: Promise<void>[] = [];
  for (const { loaded, episodeIndex, todo } of plan) {
    const members = Array.from({ length: groupSize }, (_, member) => member);
    const group = new Group({
      loaded,
      engine: options.engine,
      policyFactory: options.policyFactory,
      score: options.score,
      episodeIndex,
      seed: groupSeed(options.seed ?? 0, loaded.task.id, episodeIndex),
      groupSize,
      budgets: options.budgets,
      clock: options.clock,
      maxInfraRetries: options.maxInfraRetries,
      episodeTimeoutMs: options.episodeTimeoutMs,
    });
    let pending = todo.length;
    for (const member of todo) {
      const job = limit(async () => {
        throwIfAborted(signal);
        const line = await episodeSignals.run((episodeSignal) =>
          group.runMember(member, { signal: episodeSignal }),
        );
        throwIfAborted(signal);
        await log.append(line);
        ran += 1;
        progress.update(skipped + ran, line.blame);
        options.onEvent?.({ type: 'episode-committed', line });
      })
        .catch((error: unknown) => {
          if (!signal.aborted) {
            fatal ??= error;
            internal.abort(error);
          }
        })
        .finally(async () => {
          pending -= 1;
          if (pending > 0) return;
          await group.close();
          if (signal.aborted) return;
          const lines = members.flatMap((member) => {
            const line = log.committed.get(episodeKey({ taskId: loaded.task.id, episodeIndex, member }));
            return line === undefined ? [] : [line];
          });
          for (const message of groupWarnings(lines)) warn(message);
        });
      jobs.push(job);
    }
  }
  try {
    await Promise.all(jobs);
  } finally {
    progress.stop();
    await log.close();
  }
  if (fatal !== undefined) throw fatal;
  throwIfAborted(options.signal);
  return { outPath: options.outPath, planned, skipped, retried, ran, ...outputOutcome(log), warnings };
}
