import { AgentWorldError, type ErrorCode, toAgentWorldError } from '../core/errors.js';
import type { Blame, EpisodeError } from './types.js';

/*
 * Blame: every episode ends as exactly one of
 *   success         the verifiers say so (EpisodeScore.success);
 *   invalid-action  not a success, a budget cut the episode off (truncated), and the agent's most recent reply
 *                   was not a valid action: it was still failing to produce one when time ran out. An invalid
 *                   reply the agent recovered from (a valid action came after it) is just part of its episode;
 *   failure         every other scored episode (the agent gave up, or acted validly and did not succeed);
 *   infrastructure  something outside the agent failed: the world engine (after its own retries), the policy
 *                   server, a verifier, or the per-episode timeout. Retried up to `maxInfraRetries` times when
 *                   the error is retryable, and never scored.
 * A policy reply that is not a valid action is the agent's, never infrastructure: adapters report it as
 * `PolicyDecision.invalid`, and an action the session refuses (INVALID_ACTION, UNKNOWN_TOOL, INVALID_ARGUMENTS)
 * is fed back to the policy the same way, as its harness would.
 */

/** Codes the session raises for an action that does not fit the dialect: the agent's fault. */
const AGENT_ACTION_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'INVALID_ACTION',
  'UNKNOWN_TOOL',
  'INVALID_ARGUMENTS',
]);

export function isAgentActionError(error: unknown): error is AgentWorldError {
  return error instanceof AgentWorldError && AGENT_ACTION_CODES.has(error.code);
}

export type InfrastructureOrigin = EpisodeError['origin'];

/** A failure outside the agent; the episode it ends is retried (when retryable) and never scored. */
export class InfrastructureFailure extends Error {
  readonly error: AgentWorldError;
  readonly origin: InfrastructureOrigin;

  constructor(origin: InfrastructureOrigin, cause: unknown) {
    const error = toAgentWorldError(cause);
    super(`${origin}: ${error.code}: ${error.message}`, { cause });
    this.name = 'InfrastructureFailure';
    this.error = error;
    this.origin = origin;
  }

  get retryable(): boolean {
    return this.error.retryable;
  }

  toRecord(): EpisodeError {
    return {
      code: this.error.code,
      message: this.error.message,
      retryable: this.error.retryable,
      origin: this.origin,
    };
  }
}

/** The blame of a scored (non-infrastructure) episode. */
export function blameScoredEpisode(facts: {
  readonly success: boolean;
  readonly truncated: boolean;
  readonly lastReplyInvalid: boolean;
}): Exclude<Blame, 'infrastructure'> {
  if (facts.success) return 'success';
  if (facts.truncated && facts.lastReplyInvalid) return 'invalid-action';
  return 'failure';
}

export type BlameCounts = Record<Blame, number>;

export function emptyBlameCounts(): BlameCounts {
  return { success: 0, failure: 0, 'invalid-action': 0, infrastructure: 0 };
}

/** Counts episodes by blame, for run reports. */
export function countBlame(episodes: Iterable<{ readonly blame: Blame }>): BlameCounts {
  const counts = emptyBlameCounts();
  for (const episode of episodes) counts[episode.blame] += 1;
  return counts;
}
