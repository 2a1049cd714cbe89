/**
 * `agentworld worker`: takes jobs of every kind from the queue and runs them. Each item's result goes to the
 * store once (a re-delivered job finds it and does nothing). A payload that is not valid fails once with
 * JOB_INVALID and is never retried; a retryable failure (engine or store unavailable) is retried with
 * exponential backoff; any other failure fails the job with its reason. `close()` lets running jobs finish;
 * `close({ force: true })` stops them and puts them back in the queue without spending an attempt (they run
 * again on another worker). A worker that dies without either has its jobs re-delivered by BullMQ's stalled-job
 * check once their locks expire.
 */
import { hostname } from 'node:os';
import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import { z } from 'zod';
import { AgentWorldError, toAgentWorldError } from '../core/errors.js';
import type { ItemResultStore } from '../store/item-results.js';
import { runBenchInferJob } from './infer-job.js';
import type { JobContext } from './job-context.js';
import { JobResources } from './job-resources.js';
import { type JobPayload, JobPayloadSchema } from './job-schemas.js';
import { runBenchJudgeJob } from './judge-job.js';
import { QUEUE_NAME, QUEUE_PREFIX } from './queue-names.js';
import { openDurableRedis, queueUnavailable, redactQueueUrl } from './redis-connection.js';
import { runRolloutGroupJob } from './rollout-job.js';

export interface QueueWorkerOptions {
  readonly queueUrl: string;
  readonly store: ItemResultStore;
  /** Jobs run at once by this process (default 1). */
  readonly concurrency?: number | undefined;
  /** Written beside each result (default `worker <host>:<pid>`). */
  readonly writtenBy?: string | undefined;
  /**
   * How long a job's lock lasts without renewal (default 30 s): a worker killed mid-job has its job re-delivered
   * by the stalled-job check after about this long.
   */
  readonly lockDurationMs?: number | undefined;
  /** How often the stalled-job check runs (default 30 s). */
  readonly stalledIntervalMs?: number | undefined;
  readonly resources?: JobResources | undefined;
  /** One line per event for people (jobs done and failed, queue down and back). */
  readonly log?: ((line: string) => void) | undefined;
}

export interface QueueWorker {
  /** Jobs this process finished (stored, or found already done), and failed. */
  readonly counts: { readonly done: number; readonly already: number; readonly failed: number };
  /** Stops taking jobs; running ones finish (`force`: released for another worker). Idempotent. */
  close(options?: { readonly force?: boolean }): Promise<void>;
}

/** The reason a job fails with: `CODE: message`. */
function reasonOf(error: AgentWorldError): string {
  return `${error.code}: ${error.message}`;
}

async function runPayload(payload: JobPayload, context: JobContext): Promise<'stored' | 'already'> {
  switch (payload.kind) {
    case 'bench-infer':
      return await runBenchInferJob(payload, context);
    case 'bench-judge':
      return await runBenchJudgeJob(payload, context);
    case 'rollout-group': {
      const outcomes = await runRolloutGroupJob(payload, context);
      return outcomes.every((outcome) => outcome === 'already') ? 'already' : 'stored';
    }
  }
}

/** The payload, or JOB_INVALID naming what is wrong. */
export function parseJobPayload(data: unknown): JobPayload {
  const parsed = JobPayloadSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  throw new AgentWorldError(
    'JOB_INVALID',
    `The job's payload is not valid: ${z.prettifyError(parsed.error)}`,
  );
}

export function startQueueWorker(options: QueueWorkerOptions): QueueWorker {
  const log = options.log ?? (() => undefined);
  const writtenBy = options.writtenBy ?? `worker ${hostname()}:${process.pid}`;
  const resources = options.resources ?? new JobResources();
  const stopping = new AbortController();
  const counts = { done: 0, already: 0, failed: 0 };
  const connection = openDurableRedis(options.queueUrl);
  let queueDown = false;
  let closed = false;
  const reportDown = (cause: unknown): void => {
    if (queueDown || stopping.signal.aborted || closed) return;
    queueDown = true;
    log(`${reasonOf(queueUnavailable(options.queueUrl, cause))} Reconnecting…`);
  };
  connection.on('error', reportDown);
  connection.on('close', () => reportDown(new Error('connection closed')));
  connection.on('ready', () => {
    if (!queueDown) return;
    queueDown = false;
    log(`queue at ${redactQueueUrl(options.queueUrl)} is back`);
  });

  const processor = async (job: Job, token?: string): Promise<string> => {
    let payload: JobPayload;
    try {
      payload = parseJobPayload(job.data);
    } catch (error) {
      const invalid = toAgentWorldError(error);
      counts.failed += 1;
      log(`job ${job.id} (${job.name}) failed: ${reasonOf(invalid)}`);
      throw new UnrecoverableError(reasonOf(invalid));
    }
    log(`job ${job.id} (${job.name}) taken, attempt ${job.attemptsMade + 1} of ${job.opts.attempts ?? 1}`);
    const context: JobContext = {
      store: options.store,
      resources,
      writtenBy,
      signal: stopping.signal,
      lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
    };
    try {
      const outcome = await runPayload(payload, context);
      if (outcome === 'already') counts.already += 1;
      else counts.done += 1;
      log(
        `job ${job.id} (${job.name}) ${outcome === 'already' ? 'found its result already stored' : 'done'}${job.attemptsMade > 0 ? ` after ${job.attemptsMade + 1} attempts` : ''}`,
      );
      return outcome;
    } catch (thrown) {
      if (stopping.signal.aborted) {
        // Released on a forced stop: back to the queue without spending an attempt.
        await job.moveToDelayed(Date.now(), token);
        throw new DelayedError();
      }
      const error = toAgentWorldError(thrown);
      const attempts = job.opts.attempts ?? 1;
      if (error.retryable && job.attemptsMade + 1 < attempts) {
        log(
          `job ${job.id} (${job.name}) attempt ${job.attemptsMade + 1} of ${attempts}: ${reasonOf(error)}; retried with backoff`,
        );
        throw new Error(reasonOf(error));
      }
      counts.failed += 1;
      log(`job ${job.id} (${job.name}) failed: ${reasonOf(error)}`);
      if (error.retryable) throw new Error(reasonOf(error));
      throw new UnrecoverableError(reasonOf(error));
    }
  };

  const worker = new Worker(QUEUE_NAME, processor, {
    connection,
    prefix: QUEUE_PREFIX,
    concurrency: options.concurrency ?? 1,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    // A job whose worker died mid-job runs again; only one that stalls this often is failed.
    maxStalledCount: 10,
    autorun: true,
  });
  worker.on('error', (error) => {
    if (queueDown) return;
    log(`worker: ${error.message}`);
  });

  let closing: Promise<void> | undefined;
  return {
    counts,
    close: (closeOptions = {}) => {
      if (closeOptions.force === true) stopping.abort(new Error('worker stopped'));
      // Forced or not, BullMQ waits for the running jobs: forced, they stop at once and release themselves.
      closing ??= (async () => {
        closed = true;
        await worker.close();
        await resources.close();
        connection.disconnect();
      })();
      return closing;
    },
  };
}
