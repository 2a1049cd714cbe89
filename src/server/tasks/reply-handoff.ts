/**
 * Inverted control over the rollout loop: the loop's policy offers what it shows for a turn and waits; a client
 * request answers it with the next reply and gets back where the loop stopped next (the next offered turn, or the
 * end of the episode). One reply at a time; the loop itself stays the rollout's own (`attemptMember`).
 */
import { AgentWorldError } from '../../core/errors.js';

/** Where the episode stands: waiting for a reply to a shown turn, over, or broken off (aborted, crashed). */
export type HandoffPoint<Shown, Outcome> =
  | { readonly kind: 'turn'; readonly shown: Shown }
  | { readonly kind: 'end'; readonly outcome: Outcome }
  | { readonly kind: 'failed'; readonly error: unknown };

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<T>((resolvePromise, rejectPromise) => {
    resolve = resolvePromise;
    reject = rejectPromise;
  });
  return { promise, resolve, reject };
}

export class ReplyHandoff<Shown, Reply, Outcome> {
  #point = deferred<HandoffPoint<Shown, Outcome>>();
  #settled: HandoffPoint<Shown, Outcome> | undefined;
  #pendingReply: Deferred<Reply> | undefined;
  #replying = false;

  /** True once the episode is over or broken off. */
  get over(): boolean {
    return this.#settled !== undefined && this.#settled.kind !== 'turn';
  }

  /** True while a reply is being played (between `reply` and the next point). */
  get busy(): boolean {
    return this.#replying;
  }

  /** The loop's side: shows a turn and waits for its reply (rejected with ABORTED when `signal` fires). */
  offer(shown: Shown, signal?: AbortSignal): Promise<Reply> {
    const reply = deferred<Reply>();
    if (signal?.aborted === true) {
      reply.reject(signal.reason ?? new AgentWorldError('ABORTED', 'The episode was stopped.'));
      return reply.promise;
    }
    const onAbort = (): void =>
      reply.reject(signal?.reason ?? new AgentWorldError('ABORTED', 'The episode was stopped.'));
    signal?.addEventListener('abort', onAbort, { once: true });
    reply.promise.then(
      () => signal?.removeEventListener('abort', onAbort),
      () => signal?.removeEventListener('abort', onAbort),
    );
    this.#pendingReply = reply;
    this.#settle({ kind: 'turn', shown });
    return reply.promise;
  }

  /** The loop's side: the episode is over. */
  finish(outcome: Outcome): void {
    this.#settle({ kind: 'end', outcome });
  }

  /** The loop's side: the episode broke off (aborted, or the runner itself failed). */
  fail(error: unknown): void {
    this.#settle({ kind: 'failed', error });
  }

  /** The point the episode is at now (waits while the loop is still playing the last reply). */
  current(): Promise<HandoffPoint<Shown, Outcome>> {
    return this.#point.promise;
  }

  /**
   * Answers the offered turn with `reply` and resolves with the next point. SESSION_BUSY while another reply is
   * being played; SESSION_CLOSED once the episode is over.
   */
  async reply(makeReply: (shown: Shown) => Reply, sessionId: string): Promise<HandoffPoint<Shown, Outcome>> {
    if (this.#replying) {
      throw new AgentWorldError(
        'SESSION_BUSY',
        `Another step of session ${sessionId} is running; wait for its answer first.`,
      );
    }
    this.#replying = true;
    try {
      const point = await this.#point.promise;
      if (point.kind !== 'turn') throw episodeOver(sessionId);
      const pending = this.#pendingReply;
      if (pending === undefined) throw episodeOver(sessionId);
      // Built before anything changes: a reply that cannot be read throws here and the turn stays offered.
      const reply = makeReply(point.shown);
      this.#pendingReply = undefined;
      this.#settled = undefined;
      this.#point = deferred();
      pending.resolve(reply);
      return await this.#point.promise;
    } finally {
      this.#replying = false;
    }
  }

  #settle(point: HandoffPoint<Shown, Outcome>): void {
    if (this.over) return;
    // The end replaces a turn still offered (the loop was stopped while it waited for its reply).
    if (this.#settled !== undefined) this.#point = deferred();
    if (point.kind !== 'turn') this.#pendingReply = undefined;
    this.#settled = point;
    this.#point.resolve(point);
  }
}

/** The error for a step after the episode ended. */
export function episodeOver(sessionId: string): AgentWorldError {
  return new AgentWorldError(
    'SESSION_CLOSED',
    `The episode of session ${sessionId.slice(0, 100)} is over (done); reset for a new one.`,
    { details: { done: true } },
  );
}
