import { type ChildProcess, fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';
import { emptySummary, type GenerationSummary, mergeSummary } from './generation-summary.js';
import { laneSignal } from './lane-signal.js';
import type { SessionGeneratorOptions } from './session-generator.js';
import { runShardTask, type ShardTask } from './shard-task.js';
import { WORKER_ENVIRONMENT_FLAG, type WorkerMessage, type WorkerTaskMessage } from './worker-process.js';

/** How to start a worker: a script that calls `serveWorkerTask()` when `isWorkerProcess()`, and node flags. */
export interface WorkerEntry {
  readonly script: string;
  readonly execArgv: readonly string[];
}

export interface GenerationOptions {
  readonly outDirectory: string;
  /** Number of sessions (indices firstIndex … firstIndex + count - 1). Required unless durationSeconds is set. */
  readonly count?: number | undefined;
  /** Stop starting sessions after this many seconds. */
  readonly durationSeconds?: number | undefined;
  readonly firstIndex?: number | undefined;
  /** Worker processes; 0 runs the one shard in this process. */
  readonly workers: number;
  /** Sessions each worker runs at once. */
  readonly concurrency: number;
  readonly session: SessionGeneratorOptions;
  /** Needed when workers > 0. */
  readonly workerEntry?: WorkerEntry | undefined;
  readonly onProgress?: ((progress: GenerationProgress) => void) | undefined;
}

export interface GenerationProgress {
  readonly summary: GenerationSummary;
  readonly elapsedSeconds: number;
}

export interface GenerationResult {
  readonly summary: GenerationSummary;
  readonly elapsedSeconds: number;
  readonly sessionsPerSecond: number;
}

export const SUMMARY_FILE = 'summary.json';

/**
 * Generates sessions into `outDirectory/shard-<k>.jsonl` (one shard per worker) and writes `summary.json`
 * at the end. Session i always lands in shard i mod workers, at the same place, whatever the timing.
 */
export async function runGeneration(
  options: GenerationOptions,
  callOptions: CallOptions = {},
): Promise<GenerationResult> {
  throwIfAborted(callOptions.signal);
  if (options.count === undefined && options.durationSeconds === undefined) {
    throw new AgentWorldError('INVALID_REQUEST', 'Give a session count, a duration, or both.');
  }
  mkdirSync(options.outDirectory, { recursive: true });
  const started = Date.now();
  const deadline =
    options.durationSeconds === undefined ? undefined : started + options.durationSeconds * 1000;
  const shards = Math.max(1, options.workers);
  const tasks: ShardTask[] = Array.from({ length: shards }, (_, shard) => ({
    shard,
    workers: shards,
    firstIndex: options.firstIndex ?? 0,
    count: options.count,
    deadline,
    concurrency: options.concurrency,
    outDirectory: options.outDirectory,
    session: options.session,
  }));
  const parts = tasks.map(() => emptySummary());
  const report = (): void => {
    const total = emptySummary();
    for (const part of parts) mergeSummary(total, part);
    options.onProgress?.({ summary: total, elapsedSeconds: (Date.now() - started) / 1000 });
  };
  if (options.workers <= 0) {
    parts[0] = await runShardTask(
      tasks[0] as ShardTask,
      (summary) => {
        parts[0] = summary;
        report();
      },
      callOptions,
    );
  } else {
    const entry = options.workerEntry;
    if (entry === undefined) {
      throw new AgentWorldError('INVALID_REQUEST', 'Worker processes need a worker entry script.');
    }
    // Each worker process listens on the signal until it exits: the workers share a signal of their own.
    // It follows the caller's signal until the last worker has exited, even after one failed.
    const shared = laneSignal(callOptions.signal, tasks.length);
    const runs = tasks.map((task) =>
      runWorker(
        entry,
        task,
        (summary) => {
          parts[task.shard] = summary;
          report();
        },
        { signal: shared.signal },
      ),
    );
    void Promise.allSettled(runs).then(() => shared.dispose());
    await Promise.all(runs);
  }
  const summary = emptySummary();
  for (const part of parts) mergeSummary(summary, part);
  const elapsedSeconds = (Date.now() - started) / 1000;
  const result: GenerationResult = {
    summary,
    elapsedSeconds,
    sessionsPerSecond: elapsedSeconds > 0 ? summary.sessions / elapsedSeconds : 0,
  };
  writeFileSync(
    join(options.outDirectory, SUMMARY_FILE),
    `${JSON.stringify(
      {
        seed: options.session.seed,
        grammar: options.session.grammar,
        emphasis: options.session.emphasis ?? null,
        firstIndex: options.firstIndex ?? 0,
        count: options.count ?? null,
        workers: shards,
        ...result,
      },
      null,
      2,
    )}\n`,
  );
  return result;
}

function runWorker(
  entry: WorkerEntry,
  task: ShardTask,
  onSummary: (summary: GenerationSummary) => void,
  callOptions: CallOptions,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = fork(entry.script, [], {
      execArgv: [...entry.execArgv],
      env: { ...process.env, [WORKER_ENVIRONMENT_FLAG]: '1' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let settled = false;
    let failure: Error | undefined;
    const onAbort = (): void => {
      child.kill('SIGTERM');
    };
    callOptions.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onSummary(message.summary);
      else if (message.type === 'done') {
        onSummary(message.summary);
        settled = true;
      } else {
        failure = new AgentWorldError('INTERNAL', `worker ${task.shard}: ${message.message}`);
      }
    });
    child.on('error', (error) => {
      failure ??= error;
    });
    child.on('exit', (code, signal) => {
      callOptions.signal?.removeEventListener('abort', onAbort);
      if (callOptions.signal?.aborted === true) {
        reject(new AgentWorldError('ABORTED', 'The generation was stopped.'));
      } else if (failure !== undefined) reject(failure);
      else if (!settled) {
        reject(
          new AgentWorldError('INTERNAL', `worker ${task.shard} ended early (${signal ?? `exit ${code}`}).`),
        );
      } else resolve();
    });
    child.send({ type: 'task', task } satisfies WorkerTaskMessage);
  });
}
