import type { CallOptions } from '../../core/abort.js';
import type { SessionRecord, StepResult } from '../../core/turn.js';
import type { WorldSpec } from '../../core/world-spec.js';
import type { EpisodeSession } from '../../rollout/run-episode.js';
import type { SessionManager, SessionStateView } from '../sessions/session-manager.js';

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

  /** The session as of its last step (the loop reads record, ledger and observation synchronously). */
  #record: SessionRecord;
  #state: SessionStateView;

  constructor(
    private readonly manager: SessionManager,
    readonly ownerHash: string,
    readonly id: string,
    spec: WorldSpec,
    seed: number,
    snapshot: { readonly record: SessionRecord; readonly state: SessionStateView },
  ) {
    this.spec = spec;
    this.seed = seed;
    this.#record = snapshot.record;
    this.#state = snapshot.state;
  }

  /** The managed session `id` of this owner, as the manager holds it now (its prepared spec included). */
  static async open(
    manager: SessionManager,
    ownerHash: string,
    id: string,
    seed: number,
    options: CallOptions = {},
  ): Promise<ManagedEpisodeSession> {
    const [record, state] = await Promise.all([
      manager.record(ownerHash, id, options),
      manager.state(ownerHash, id, options),
    ]);
    return new ManagedEpisodeSession(manager, ownerHash, id, record.spec, seed, { record, state });
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
      // Right after its step the session is live in the manager: these read memory, not the store.
      [this.#record, this.#state] = await Promise.all([
        this.manager.record(this.ownerHash, this.id, options),
        this.manager.state(this.ownerHash, this.id, options),
      ]);
      return result;
    } catch (error) {
      this.lastStep = { kind: 'refused', error };
      throw error;
    }
  }

  toRecord(labels: Record<string, string> = {}): SessionRecord {
    const record = this.#record;
    return { ...record, labels: { ...record.labels, ...labels } };
  }

  ledgerSummary(): Record<string, unknown> {
    return this.#state.ledger;
  }

  /** The newest observation (the first one before any step). */
  observation(): string {
    return this.#state.observation;
  }

  async close(): Promise<void> {
    try {
      await this.manager.close(this.ownerHash, this.id);
    } catch {
      // Already gone (the store closed under us): its committed turns are what they are.
    }
  }
}
