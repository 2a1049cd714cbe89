/**
 * The queue as the CLI sees it: enqueue a run's jobs (adding a job twice adds it once), list a run's failed and
 * waiting jobs, cancel what is still waiting. Connections reconnect forever; the first call checks that Redis
 * answers, so a Redis that is down fails fast with QUEUE_UNAVAILABLE.
 */
import { type Job, Queue } from 'bullmq';
import { type CallOptions, throwIfAborted } from '../core/abort.js';
import { jobIdOf, runIdOfJobId } from './job-ids.js';
import { jobOptions } from './job-options.js';
import type { JobPayload } from './job-schemas.js';
import { QUEUE_NAME, QUEUE_PREFIX } from './queue-names.js';
import { checkQueueReachable, openDurableRedis } from './redis-connection.js';

/** A job to add: its payload and the item key its id is made of. */
export interface JobToAdd {
  readonly itemKey: string;
  readonly payload: JobPayload;
}

export interface FailedJob {
  readonly jobId: string;
  readonly itemKeys: readonly string[];
  readonly reason: string;
  readonly attemptsMade: number;
}

export interface RunJobCounts {
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  readonly failed: number;
}

const ADD_CHUNK = 500;
const SCAN_CHUNK = 1_000;

/** The items a job writes (one, or a rollout group's members); none when its payload is unreadable. */
function itemKeysOfJob(job: Job): string[] {
  const data = job.data as { itemKey?: unknown; members?: { itemKey?: unknown }[] } | undefined;
  if (typeof data?.itemKey === 'string') return [data.itemKey];
  if (!Array.isArray(data?.members)) return [];
  return data.members.flatMap((member) => (typeof member?.itemKey === 'string' ? [member.itemKey] : []));
}

export class RunQueue {
  readonly #queue: Queue;
  readonly #connection;

  private constructor(readonly url: string) {
    this.#connection = openDurableRedis(url);
    this.#connection.on('error', () => undefined);
    this.#queue = new Queue(QUEUE_NAME, { connection: this.#connection, prefix: QUEUE_PREFIX });
    this.#queue.on('error', () => undefined);
  }

  /** Opens the queue; QUEUE_UNAVAILABLE when Redis does not answer. */
  static async open(url: string, options: CallOptions = {}): Promise<RunQueue> {
    await checkQueueReachable(url, options);
    return new RunQueue(url);
  }

  /** The underlying BullMQ queue (tests add raw jobs through it). */
  get bullQueue(): Queue {
    return this.#queue;
  }

  /**
   * Adds the jobs of a run. A job already in the queue is left alone; one that failed earlier is removed first,
   * so running a command again retries its failed items.
   */
  async enqueue(runId: string, jobs: readonly JobToAdd[], options: CallOptions = {}): Promise<void> {
    throwIfAborted(options.signal);
    const wanted = new Set(jobs.map((job) => jobIdOf(runId, job.itemKey)));
    for (const failed of await this.#jobsOfRun(runId, ['failed'], options)) {
      if (failed.id !== undefined && wanted.has(failed.id)) await failed.remove();
    }
    for (let start = 0; start < jobs.length; start += ADD_CHUNK) {
      throwIfAborted(options.signal);
      await this.#queue.addBulk(
        jobs.slice(start, start + ADD_CHUNK).map((job) => ({
          name: job.payload.kind,
          data: job.payload,
          opts: jobOptions(jobIdOf(runId, job.itemKey)),
        })),
      );
    }
  }

  async #jobsOfRun(
    runId: string,
    states: ('failed' | 'waiting' | 'active' | 'delayed' | 'prioritized')[],
    options: CallOptions,
  ): Promise<Job[]> {
    const found: Job[] = [];
    for (let start = 0; ; start += SCAN_CHUNK) {
      throwIfAborted(options.signal);
      const page = await this.#queue.getJobs(states, start, start + SCAN_CHUNK - 1, true);
      for (const job of page) {
        if (job?.id !== undefined && runIdOfJobId(job.id) === runId) found.push(job);
      }
      if (page.length < SCAN_CHUNK) return found;
    }
  }

  /** The run's jobs that failed for good, with their reasons. */
  async failedJobs(runId: string, options: CallOptions = {}): Promise<FailedJob[]> {
    return (await this.#jobsOfRun(runId, ['failed'], options)).map((job) => ({
      jobId: job.id ?? '',
      itemKeys: itemKeysOfJob(job),
      reason: job.failedReason ?? 'unknown',
      attemptsMade: job.attemptsMade,
    }));
  }

  async counts(runId: string, options: CallOptions = {}): Promise<RunJobCounts> {
    const count = async (state: 'waiting' | 'active' | 'delayed' | 'failed'): Promise<number> =>
      state === 'waiting'
        ? (await this.#jobsOfRun(runId, ['waiting', 'prioritized'], options)).length
        : (await this.#jobsOfRun(runId, [state], options)).length;
    return {
      waiting: await count('waiting'),
      active: await count('active'),
      delayed: await count('delayed'),
      failed: await count('failed'),
    };
  }

  /** Removes the run's waiting and delayed jobs (running ones finish); resolves how many were removed. */
  async cancel(runId: string, options: CallOptions = {}): Promise<number> {
    let removed = 0;
    for (const job of await this.#jobsOfRun(runId, ['waiting', 'prioritized', 'delayed'], options)) {
      try {
        await job.remove();
        removed += 1;
      } catch {
        // Taken by a worker meanwhile: it finishes.
      }
    }
    return removed;
  }

  async close(): Promise<void> {
    await this.#queue.close();
    this.#connection.disconnect();
  }
}
