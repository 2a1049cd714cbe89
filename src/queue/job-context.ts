import type { ItemResultStore } from '../store/item-results.js';
import type { JobResources } from './job-resources.js';

/** What a job handler gets from its worker. */
export interface JobContext {
  readonly store: ItemResultStore;
  readonly resources: JobResources;
  /** Who writes the results (`worker host:pid`). */
  readonly writtenBy: string;
  /** Fires when the worker stops without waiting (the job is released and runs again elsewhere). */
  readonly signal: AbortSignal;
  /**
   * False while the job has attempts left: an item whose failure may go away (engine unavailable, a retryable
   * row failure) is then retried by the queue with backoff instead of being stored as failed. On the last
   * attempt it is stored as the in-process run would write it.
   */
  readonly lastAttempt: boolean;
}
