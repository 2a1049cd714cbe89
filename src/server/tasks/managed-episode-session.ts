import type { CallOptions } from '../../core/abort.js';
import type { SessionRecord, StepResult } from '../../core/turn.js';
import type { WorldSpec } from '../../core/world-spec.js';
import type { EpisodeSession } from '../../rollout/run-episode.js';
import type { SessionManager } from '../sessions/session-manager.js';

/** What the last step of the loop did: the world's answer, or the error it threw. */
export type LastStep =
  | { readonly kind: 'stepped'; readonly result: StepResult }
  | { readonly kind: 'refused'; readonly error: unknown };

/**
 * A stored session of the env server as the rollout loop sees it: every step goes through the session manager
 * (committed before it is answered, owned by the client's key, under the step time limit), so a task episode's
 * session is listed, downloadable and reaped like any other. Closing it closes the stored session.
 */
export class ManagedEpisodeSession implements EpisodeSession {
  readonly spec: WorldSpec;
  readonly seed: number;
  readonly started = true;
  /** The last step's outcome (the raw OpenEnv step route answers with it). */
  lastStep: LastStep | undefined;
  /** Time limit of the next step (the client's `timeout_s`), else the manager's default. */
  nextStepTimeoutMs: number | undefined;

  constructor(
    private readonly manager: SessionManager,
    readonly ownerHash: string,
    readonly id: string,
    spec: WorldSpec,
    seed: number,
  ) {
    this.spec = spec;
    this.seed = seed;
  }

  async step(action: unknown, options: CallOptions = {}): Promise<StepResult> {
    const timeoutMs = this.nextStepTimeoutMs;
    this.nextStepTimeoutMs = undefined;
    try {
      const result = await this.manager.step(this.ownerHash, this.id, action, {
        ...(options.signal === undefined ? {} : { signal: options.signal }),
        timeoutMs,
      });
      this.lastStep = { kind: 'stepped', result };
      return result;
    } catch (error) {
      this.lastStep = { kind: 'refused', error };
      throw error;
    }
  }

  toRecord(labels: Record<string, string> = {}): SessionRecord {
    const record = this.manager.record(this.ownerHash, this.id);
    return { ...record, labels: { ...record.labels, ...labels } };
  }

  ledgerSummary(): Record<string, unknown> {
    return this.manager.state(this.ownerHash, this.id).ledger;
  }

  /** The newest observation (the first one before any step). */
  observation(): string {
    return this.manager.state(this.ownerHash, this.id).observation;
  }

  async close(): Promise<void> {
    try {
      await this.manager.close(this.ownerHash, this.id);
    } catch {
      // Already gone (the store closed under us): its committed turns are what they are.
    }
  }
}
