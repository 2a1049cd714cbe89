import { canonicalJson, sha256 } from '../../core/hash.js';

/** The path hash of "no actions yet". */
export const EMPTY_ACTION_PATH = sha256('agentworld.replay.actions');

/**
 * Extends the hash of a sequence of actions by one action. Two sequences get the same hash exactly when their
 * actions are equal one by one as canonical JSON, so a whole history is matched by one map lookup.
 */
export function extendActionPath(previous: string, action: unknown): string {
  return sha256(`${previous}\n${canonicalJson(action)}`);
}

/**
 * Extends a transcript hash (actions and observations so far) by the observation that answered its last
 * action. Used to prefer, among recordings with the same actions, the one whose earlier observations are the
 * ones the agent actually saw.
 */
export function extendWithObservation(previous: string, observation: string): string {
  return sha256(`${previous}\n=${observation}`);
}

/** Canonical JSON of an action, shortened for error messages. */
export function describeAction(action: unknown, limit = 160): string {
  const text = canonicalJson(action) ?? 'undefined';
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}
