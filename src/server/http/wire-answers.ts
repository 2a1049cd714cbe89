import type { CallOptions } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';
import type { ManagedStepOptions, SessionManager } from '../sessions/session-manager.js';
import type { ResetRequestBody, ResetResponse, StateResponse, StepResponse } from './wire-schemas.js';

/**
 * The answers of reset, step and state, built the same way for every transport (HTTP routes and the `/ws`
 * WebSocket), so a client sees identical bodies whichever one it uses.
 */

/** Starts a session for `owner` from a reset body (its spec, else the server's default spec). */
export async function resetAnswer(
  manager: SessionManager,
  owner: string,
  body: ResetRequestBody,
  defaultSpec: unknown,
  options: CallOptions = {},
): Promise<ResetResponse> {
  const spec = body.spec ?? defaultSpec;
  if (spec === undefined) {
    throw new AgentWorldError(
      'INVALID_REQUEST',
      'Invalid request at $.spec: name a spec (e.g. "terminal") or send a WorldSpec object; this server has no default spec.',
      { details: { path: '$.spec' } },
    );
  }
  const { sessionId, result } = await manager.reset(
    { ownerHash: owner, spec, seed: body.seed, episodeId: body.episode_id, labels: body.labels },
    options,
  );
  return {
    session_id: sessionId,
    observation: result.observation,
    reward: null,
    done: false,
    terminated: false,
    truncated: false,
    info: result.info,
  };
}

/** One step of the owner's session; `done` is `terminated || truncated`. */
export async function stepAnswer(
  manager: SessionManager,
  owner: string,
  sessionId: string,
  action: unknown,
  options: ManagedStepOptions = {},
): Promise<StepResponse> {
  const result = await manager.step(owner, sessionId, action, options);
  return {
    session_id: sessionId,
    observation: result.observation,
    reward: result.reward,
    done: result.terminated || result.truncated,
    terminated: result.terminated,
    truncated: result.truncated,
    info: result.info,
  };
}

/** What `GET /state` (and the WebSocket `state` message) report about one session. */
export function stateAnswer(manager: SessionManager, owner: string, sessionId: string): StateResponse {
  const state = manager.state(owner, sessionId);
  const episodeId = state.labels.episode_id;
  return {
    session_id: state.sessionId,
    ...(episodeId === undefined ? {} : { episode_id: episodeId }),
    domain: state.domain,
    dialect: state.dialect,
    seed: state.seed,
    step_count: state.stepCount,
    max_turns: state.maxTurns,
    closed: state.closed,
    ...(state.parentId === undefined ? {} : { parent_id: state.parentId }),
    ...(state.forkedAtTurn === undefined ? {} : { forked_at_turn: state.forkedAtTurn }),
    created_at: state.createdAt,
    observation: state.observation,
    ledger: state.ledger,
    labels: state.labels,
  };
}
