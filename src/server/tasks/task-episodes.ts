import type { CallOptions } from '../../core/abort.js';
import { AgentWorldError, ERROR_CODES, type ErrorCode } from '../../core/errors.js';
import type { AgentAdapterFactory } from '../../policies/adapters/index.js';
import type { Clock as BudgetClock, EpisodeBudgets, EpisodeLine } from '../../rollout/types.js';
import type { ScoreEpisode } from '../../tasks/scoring.js';
import { type Clock, systemClock } from '../sessions/clock.js';
import type { SessionManager } from '../sessions/session-manager.js';
import { startSweepTimer } from '../sessions/session-reaper.js';
import { episodeOver } from './reply-handoff.js';
import type { TaskCatalog } from './task-catalog.js';
import { type EpisodeMode, TaskEpisode } from './task-episode.js';

export interface TaskEpisodesOptions {
  readonly manager: SessionManager;
  readonly catalog: TaskCatalog;
  /** The verifiers (`createScoreEpisode` with the server's judge). */
  readonly score: ScoreEpisode;
  /** Budgets over the tasks' own (as `agentworld rollout --max-turns …` gives). */
  readonly budgets?: EpisodeBudgets | undefined;
  /** The loops' budget clock (default `performance.now`). */
  readonly budgetClock?: BudgetClock | undefined;
  /** Idle time and reaping (default `Date.now`). */
  readonly clock?: Clock | undefined;
  /** An episode whose client sent nothing this long is stopped and its session closed (default 24 h; 0 never). */
  readonly reapAfterMs?: number | undefined;
  /** How often the reaper runs (default 30 s; 0 = only when `sweep()` is called). */
  readonly sweepIntervalMs?: number | undefined;
  /** Finished episode lines kept for `GET /text/episodes/:id`, oldest dropped first (default 1000). */
  readonly maxFinished?: number | undefined;
  /** Overrides the adapter each spec's dialect picks (text mode). */
  readonly adapter?: AgentAdapterFactory | undefined;
}

export interface StartEpisodeRequest {
  readonly ownerHash: string;
  readonly taskId: string;
  readonly seed?: number | undefined;
  readonly member?: number | undefined;
  readonly episodeId?: string | undefined;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  readonly mode: EpisodeMode;
}

/**
 * The task episodes the server runs: open ones by session id (each owned by the key that reset it), and the lines
 * of the finished ones, kept (bounded) for trainers to download. An episode whose client went quiet for
 * `reapAfterMs` is stopped (its session closed, nothing scored), as the session reaper closes abandoned sessions.
 * Episodes live in this process: a restarted server still has their stored sessions, not their loops.
 */
export class TaskEpisodes {
  readonly catalog: TaskCatalog;
  readonly #options: TaskEpisodesOptions;
  readonly #open = new Map<string, TaskEpisode>();
  /** Insertion order is finishing order. */
  readonly #finished = new Map<string, { readonly ownerHash: string; readonly line: EpisodeLine }>();
  readonly #stoppedWithoutLine = new Map<string, string>();
  readonly #clock: Clock;
  readonly #timer: NodeJS.Timeout | undefined;

  constructor(options: TaskEpisodesOptions) {
    this.#options = options;
    this.catalog = options.catalog;
    this.#clock = options.clock ?? systemClock;
    this.#timer = startSweepTimer(options.sweepIntervalMs ?? 30_000, () => void this.sweep());
  }

  /** Episodes running now. */
  get openCount(): number {
    return this.#open.size;
  }

  /** Resets a task episode for the owner; resolves once its first turn is offered. */
  async start(request: StartEpisodeRequest, call: CallOptions = {}): Promise<TaskEpisode> {
    const plan = this.catalog.plan(request.taskId, request.seed, request.member);
    const episode = await TaskEpisode.start(
      {
        manager: this.#options.manager,
        ownerHash: request.ownerHash,
        plan,
        mode: request.mode,
        score: this.#options.score,
        budgets: this.#options.budgets,
        clock: this.#options.budgetClock,
        episodeId: request.episodeId,
        labels: request.labels,
        member: request.member,
        adapter: this.#options.adapter,
        onStopped: (stopped) => this.#stopped(stopped),
      },
      call,
      this.#clock(),
    );
    this.#open.set(episode.sessionId, episode);
    const first = await episode.handoff.current();
    if (first.kind === 'failed') throw first.error;
    if (first.kind === 'end' && first.outcome.error !== undefined) throw episodeFailure(first.outcome);
    return episode;
  }

  /** The owner's open episode on this session, or undefined when the session is no task episode of theirs. */
  find(ownerHash: string, sessionId: string): TaskEpisode | undefined {
    const episode = this.#open.get(sessionId);
    if (episode === undefined || episode.ownerHash !== ownerHash) return undefined;
    episode.lastUsed = this.#clock();
    return episode;
  }

  /** True when the session was a task episode of the owner that is over. */
  isOver(ownerHash: string, sessionId: string): boolean {
    return (
      this.#finished.get(sessionId)?.ownerHash === ownerHash ||
      this.#stoppedWithoutLine.get(sessionId) === ownerHash
    );
  }

  /** The owner's open episode: SESSION_NOT_FOUND for another's or an unknown one, SESSION_CLOSED once over. */
  require(ownerHash: string, sessionId: string): TaskEpisode {
    const episode = this.find(ownerHash, sessionId);
    if (episode !== undefined) return episode;
    if (this.isOver(ownerHash, sessionId)) throw episodeOver(sessionId);
    throw new AgentWorldError(
      'SESSION_NOT_FOUND',
      `No task episode ${sessionId.slice(0, 100)}; start one with POST /text/reset.`,
    );
  }

  /** The finished episode's line; SESSION_BUSY (retryable) while it runs, SESSION_NOT_FOUND otherwise. */
  line(ownerHash: string, sessionId: string): EpisodeLine {
    const finished = this.#finished.get(sessionId);
    if (finished !== undefined && finished.ownerHash === ownerHash) return finished.line;
    if (this.find(ownerHash, sessionId) !== undefined) {
      throw new AgentWorldError(
        'SESSION_BUSY',
        `The episode of session ${sessionId.slice(0, 100)} is still running; its line exists once it is done.`,
      );
    }
    throw new AgentWorldError(
      'SESSION_NOT_FOUND',
      `No finished task episode ${sessionId.slice(0, 100)} (lines of stopped episodes, and the oldest beyond ${this.#options.maxFinished ?? 1000}, are not kept).`,
    );
  }

  /** Stops the owner's episode on this session (its client closed it or started another); no-op otherwise. */
  async stop(ownerHash: string, sessionId: string, reason: string): Promise<void> {
    const episode = this.#open.get(sessionId);
    if (episode === undefined || episode.ownerHash !== ownerHash) return;
    await episode.abort(reason);
  }

  /** Stops episodes idle (no request waiting on them) for `reapAfterMs`; returns how many. */
  sweep(): number {
    const reapAfterMs = this.#options.reapAfterMs ?? 24 * 3_600_000;
    if (reapAfterMs <= 0) return 0;
    const cutoff = this.#clock() - reapAfterMs;
    let reaped = 0;
    for (const episode of this.#open.values()) {
      if (episode.handoff.busy || episode.lastUsed > cutoff) continue;
      void episode.abort('The episode was idle too long and was reaped.');
      reaped += 1;
    }
    return reaped;
  }

  /** Stops every episode (server shutdown). */
  async shutdown(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    await Promise.all(
      [...this.#open.values()].map((episode) => episode.abort('The server is shutting down.')),
    );
  }

  #stopped(episode: TaskEpisode): void {
    this.#open.delete(episode.sessionId);
    if (episode.line === undefined) {
      this.#remember(this.#stoppedWithoutLine, episode.sessionId, episode.ownerHash);
      return;
    }
    this.#remember(this.#finished, episode.sessionId, { ownerHash: episode.ownerHash, line: episode.line });
  }

  #remember<T>(map: Map<string, T>, key: string, value: T): void {
    map.set(key, value);
    const limit = Math.max(1, this.#options.maxFinished ?? 1000);
    for (const oldest of map.keys()) {
      if (map.size <= limit) break;
      map.delete(oldest);
    }
  }
}

/** The error of an episode that ended in an infrastructure failure (never scored): its code and origin. */
export function episodeFailure(line: EpisodeLine): AgentWorldError {
  const error = line.error;
  if (error === undefined) return new AgentWorldError('INTERNAL', 'The episode failed without an error.');
  return new AgentWorldError(
    errorCodeOf(error.code),
    `The episode ended in an infrastructure failure (${error.origin}): ${error.message}`,
    { retryable: error.retryable, details: { origin: error.origin, done: true, blame: 'infrastructure' } },
  );
}

function errorCodeOf(code: string): ErrorCode {
  return Object.hasOwn(ERROR_CODES, code) ? (code as ErrorCode) : 'INTERNAL';
}
