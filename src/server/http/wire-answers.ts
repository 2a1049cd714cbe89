import type { CallOptions } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';
import type { ManagedStepOptions, SessionManager } from '../sessions/session-manager.js';
import { episodeOver } from '../tasks/reply-handoff.js';
import type { TaskEpisodes } from '../tasks/task-episodes.js';
import { requireTasks, taskResetAnswer, taskStepAnswer } from './task-answers.js';
import type { ResetRequestBody, ResetResponse, StateResponse, StepResponse } from './wire-schemas.js';

/**
 * The answers of reset, step and state, built the same way for every transport (HTTP routes and the `/ws`
 * WebSocket), so a client sees identical bodies whichever one it uses.
 */

/** Starts a session for `owner` from a reset body (a task of the server, its spec, else the default spec). */
export async function resetAnswer(
  manager: SessionManager,
  owner: string,
  body: ResetRequestBody,
  defaultSpec: unknown,
  options: CallOptions & { readonly tasks?: TaskEpisodes | undefined } = {},
): Promise<ResetResponse> {
  if (body.task_id !== undefined) {
    return taskResetAnswer(
      requireTasks(options.tasks),
      owner,
      { ...body, task_id: body.task_id },
      {
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      },
    );
  }
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

export interface AnyStepRequest extends ManagedStepOptions {
  readonly sessionId: string;
  readonly action: unknown;
  readonly done?: boolean | undefined;
  readonly finalAnswer?: string | undefined;
}

/** One step of any of the owner's sessions: a task episode's goes through its rollout loop. */
export async function anyStepAnswer(
  manager: SessionManager,
  tasks: TaskEpisodes | undefined,
  owner: string,
  request: AnyStepRequest,
): Promise<StepResponse> {
  const episode = tasks?.find(owner, request.sessionId);
  if (episode !== undefined) return taskStepAnswer(episode, request);
  if (tasks?.isOver(owner, request.sessionId) === true) throw episodeOver(request.sessionId);
  if (request.done === true || request.finalAnswer !== undefined) {
    throw new AgentWorldError(
      'INVALID_REQUEST',
      'Invalid request at $.done: done and final_answer end task episodes only (reset with a task_id).',
      { details: { path: '$.done' } },
    );
  }
  return stepAnswer(manager, owner, request.sessionId, request.action, request);
}

/** Closes any of the owner's sessions; a task episode running on it is stopped first (nothing scored). */
export async function closeAnySession(
  manager: SessionManager,
  tasks: TaskEpisodes | undefined,
  owner: string,
  sessionId: string,
): Promise<boolean> {
  const open = tasks?.find(owner, sessionId) !== undefined;
  await tasks?.stop(owner, sessionId, 'The client closed the session.');
  const wasOpen = await manager.close(owner, sessionId);
  return wasOpen || open;
}

/** What `GET /state` (and the WebSocket `state` message) report about one session. */
export async function stateAnswer(
  manager: SessionManager,
  owner: string,
  sessionId: string,
): Promise<StateResponse> {
  const state = await manager.state(owner, sessionId);
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
