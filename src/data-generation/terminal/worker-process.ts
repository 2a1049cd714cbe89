import { toAgentWorldError } from '../../core/errors.js';
import type { GenerationSummary } from './generation-summary.js';
import { runShardTask, type ShardTask } from './shard-task.js';

/** Set in a worker's environment by the parent; the entry script then serves one shard task over IPC. */
export const WORKER_ENVIRONMENT_FLAG = 'AGENTWORLD_DATAGEN_WORKER';

/** Messages a worker sends its parent. */
export type WorkerMessage =
  | { readonly type: 'progress'; readonly summary: GenerationSummary }
  | { readonly type: 'done'; readonly summary: GenerationSummary }
  | { readonly type: 'error'; readonly message: string };

/** Messages the parent sends a worker. */
export interface WorkerTaskMessage {
  readonly type: 'task';
  readonly task: ShardTask;
}

/** Whether this process was started as a generator worker. */
export function isWorkerProcess(): boolean {
  return process.env[WORKER_ENVIRONMENT_FLAG] === '1' && typeof process.send === 'function';
}

const PROGRESS_INTERVAL_MS = 250;

/**
 * The worker side: waits for one task, runs it, reports progress at most every 250 ms, then the final summary,
 * and exits. It stops (closing its sandboxes) when the parent goes away or sends SIGTERM.
 */
export function serveWorkerTask(): void {
  const controller = new AbortController();
  const stop = (): void => controller.abort(new Error('the generator was stopped'));
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  const send = (message: WorkerMessage): Promise<void> =>
    new Promise((resolve) => {
      if (!process.connected || process.send === undefined) {
        resolve();
        return;
      }
      process.send(message, undefined, {}, () => resolve());
    });
  process.once('message', (message: WorkerTaskMessage) => {
    let lastReport = 0;
    runShardTask(
      message.task,
      (summary) => {
        const now = Date.now();
        if (now - lastReport < PROGRESS_INTERVAL_MS) return;
        lastReport = now;
        void send({ type: 'progress', summary });
      },
      { signal: controller.signal },
    )
      .then((summary) => send({ type: 'done', summary }))
      .catch((error: unknown) => send({ type: 'error', message: toAgentWorldError(error).message }))
      .finally(() => {
        process.disconnect?.();
      });
  });
}
