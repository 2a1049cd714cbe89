/**
 * A twin: a deterministic stand-in for a domain's world that answers exactly what it can compute (a virtual shell
 * for `terminal`), and declines the rest with a reason, so a hybrid engine hands those turns to a world model. A
 * twin keeps one world per session, keyed by the request's session id; a session it has never seen (a restarted
 * server, a forked session) is rebuilt from the request's history.
 */
import type { CallOptions } from '../core/abort.js';
import type { PredictRequest } from '../core/engine.js';

/** What the twin knows about its world, for conditioning the model that answers a declined turn. */
export interface TwinState {
  /** A short plain-text account of the state (working directory, environment, files), for a model's prompt. */
  readonly summary: string;
  /** Structured facts (domain-specific: `cwd`, `env`, `files` …), for provenance and tests. */
  readonly facts: Readonly<Record<string, unknown>>;
  /**
   * What the twin knows it cannot know: effects of turns a model answered, paths it has no content for, programs
   * it does not have. Never empty when a model has answered a turn of this session.
   */
  readonly unknowns: readonly string[];
}

export type TwinAnswer =
  | {
      readonly kind: 'answered';
      readonly observation: string;
      /** Why the twin could answer (e.g. `builtin`, `coreutils:ls`), for provenance. */
      readonly reason: string;
      /**
       * The perturbations injected on this turn that the twin carried out on its own world (a full disk, a
       * read-only mount …): when set, every injected one is, and the session does not render them again.
       */
      readonly carriedOut?: readonly string[] | undefined;
    }
  | {
      readonly kind: 'declined';
      /** Why the twin cannot answer exactly (e.g. `program not in twin: git`, `network`, `time`). */
      readonly reason: string;
      /** The twin's state before the action, for the model that will answer instead. */
      readonly state: TwinState;
    };

export interface Twin {
  /** Short name recorded in provenance (e.g. `terminal-twin`). */
  readonly id: string;
  /** Everything that decides the twin's answers (its version, options); part of cache keys. */
  identity(): Record<string, unknown>;
  /** Whether the twin can simulate this spec at all (a terminal twin: a terminal world of a shell it knows). */
  supports(request: Pick<PredictRequest, 'spec'>): boolean;
  /** Answers the request's action exactly on its own world, or declines (its world unchanged). */
  answer(request: PredictRequest, options?: CallOptions): Promise<TwinAnswer>;
  /**
   * After a model answered a declined turn: the twin takes in what it can of the model's observation (e.g. the
   * prompt's working directory) and records the rest as unknown.
   */
  absorb(request: PredictRequest, observation: string, options?: CallOptions): Promise<void>;
  /** Frees one session's world. */
  releaseSession(sessionId: string): Promise<void>;
  close(): Promise<void>;
}
