import type { JobsOptions } from 'bullmq';

/** Attempts of a job whose failures are retryable (engine or store unavailable), with exponential backoff. */
export const JOB_ATTEMPTS = 8;
export const JOB_BACKOFF_MS = 2_000;

/** Every job: retried with backoff, removed once done (its result is in the store), kept a week when failed. */
export function jobOptions(jobId: string): JobsOptions {
  return {
    jobId,
    attempts: JOB_ATTEMPTS,
    backoff: { type: 'exponential', delay: JOB_BACKOFF_MS },
    removeOnComplete: true,
    removeOnFail: { age: 7 * 24 * 3600 },
  };
}
