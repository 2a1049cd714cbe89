import { createHash } from 'node:crypto';

function digest(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/**
 * A run's id: its stage and a hash of what makes the run what it is (the output file, the manifest without its
 * date), so running the same command again (after Ctrl-C, on another machine) follows the same run.
 */
export function runIdOf(stage: string, identity: unknown): string {
  return `${stage}-${digest(JSON.stringify(identity), 16)}`;
}

/** A job's id in its run (BullMQ refuses `:` in ids; item keys have them). Adding a job twice adds it once. */
export function jobIdOf(runId: string, itemKey: string): string {
  return `${runId}.${digest(itemKey, 24)}`;
}

/** The run a job id belongs to. */
export function runIdOfJobId(jobId: string): string {
  const dot = jobId.lastIndexOf('.');
  return dot < 0 ? jobId : jobId.slice(0, dot);
}

/**
 * The store key of an item: its own key the first time; when an earlier result of it must be replaced (a
 * retryable failure run again on resume), the key names the earlier result, so the new one is stored beside it.
 */
export function itemKeyOf(key: string, replaces?: string): string {
  return replaces === undefined ? key : `${key}~after:${digest(replaces, 12)}`;
}
