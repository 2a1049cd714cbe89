/**
 * The answers of task episodes, built the same way for every transport (HTTP routes and `/ws`): the text step
 * routes (`/text/reset`, `/text/step`) and OpenEnv's `/reset` by task id and `/step` on a task episode.
 */
import type { CallOptions } from '../../core/abort.js';
import { AgentWorldError, isAgentWorldError, toAgentWorldError } from '../../core/errors.js';
import { usageFromOpenAI } from '../../engines/lwm/index.js';
import type { ChatMessage, PolicyToolCall } from '../../policies/adapters/index.js';
import type { AssistantAnswer } from '../../policies/conversation.js';
import type { PolicyDecision } from '../../policies/policy.js';
import type { EpisodeLine } from '../../rollout/types.js';
import type { HandoffPoint } from '../tasks/reply-handoff.js';
import type { ShownTurn, TaskEpisode } from '../tasks/task-episode.js';
import { episodeFailure, type TaskEpisodes } from '../tasks/task-episodes.js';
import type {
  TaskOutcome,
  TextResetRequestBody,
  TextResetResponse,
  TextStepRequestBody,
  TextStepResponse,
  TextToolCall,
} from './task-wire-schemas.js';
import type { ResetRequestBody, ResetResponse, StepResponse } from './wire-schemas.js';

type Point = HandoffPoint<ShownTurn, EpisodeLine>;

/** The server has no task of that id (or no tasks at all). */
export function requireTasks(tasks: TaskEpisodes | undefined): TaskEpisodes {
  if (tasks === undefined) {
    throw new AgentWorldError(
      'NOT_FOUND',
      'This server has no tasks: start it with `agentworld serve --tasks PATH`.',
      { details: { path: '$.task_id' } },
    );
  }
  return tasks;
}

/** `POST /text/reset`: the task's episode for this seed, opened with what its native harness shows first. */
export async function textResetAnswer(
  tasks: TaskEpisodes,
  owner: string,
  body: TextResetRequestBody,
  call: CallOptions = {},
): Promise<TextResetResponse> {
  const episode = await tasks.start(
    {
      ownerHash: owner,
      taskId: body.task_id,
      seed: body.seed,
      member: body.member,
      episodeId: body.episode_id,
      labels: body.labels,
      mode: 'text',
    },
    call,
  );
  const shown = firstTurn(await episode.handoff.current());
  const adapter = episode.adapter;
  const tools = adapter?.mode === 'tools' && adapter.tools.length > 0 ? [...adapter.tools] : undefined;
  const messages = [...shown.messages];
  return {
    session_id: episode.sessionId,
    task_id: episode.plan.loaded.task.id,
    messages,
    ...(tools === undefined ? {} : { tools }),
    observation: messageText(messages[messages.length - 1]),
    done: false,
    info: {
      task: taskInfoOf(episode),
      harness: adapter?.name ?? 'unknown',
      domain: episode.reset.info.domain,
      dialect: episode.reset.info.dialect,
      seed: episode.reset.info.seed,
    },
  };
}

/** `POST /text/step`: the completion read as the harness reads it, then what the harness shows next. */
export async function textStepAnswer(
  tasks: TaskEpisodes,
  owner: string,
  body: TextStepRequestBody,
): Promise<TextStepResponse> {
  const episode = tasks.require(owner, body.session_id);
  if (episode.mode !== 'text') {
    throw new AgentWorldError(
      'INVALID_REQUEST',
      `Session ${body.session_id.slice(0, 100)} is an OpenEnv task episode: step it with POST /step (actions in the world's dialect).`,
    );
  }
  const usage = usageFromOpenAI(body.usage);
  const answer: AssistantAnswer = {
    content: body.action_text,
    toolCalls: (body.tool_calls ?? []).map(policyToolCall),
    ...(body.reasoning_content === undefined ? {} : { reasoningContent: body.reasoning_content }),
    ...(usage === undefined ? {} : { usage }),
  };
  const point = await episode.handoff.reply(() => {
    episode.session.nextStepTimeoutMs = body.timeout_s === undefined ? undefined : body.timeout_s * 1000;
    return episode.answerText(answer);
  }, episode.sessionId);
  return textStepOf(episode, point);
}

function textStepOf(episode: TaskEpisode, point: Point): TextStepResponse {
  if (point.kind === 'failed') throw stoppedError(episode, point.error);
  if (point.kind === 'turn') {
    const messages = [...point.shown.messages];
    const feedback = messages.map(messageText).join('\n');
    const invalid = point.shown.turn.invalidActionError;
    return {
      session_id: episode.sessionId,
      messages,
      observation: feedback,
      environment_feedback: feedback,
      reward: 0,
      rewards: 0,
      scores: 0,
      done: false,
      terminated: false,
      truncated: false,
      ...(invalid === undefined ? {} : { invalid_action: invalid }),
      info: { step: point.shown.turn.step },
      extra_logs: { step: point.shown.turn.step },
    };
  }
  const line = point.outcome;
  const outcome = outcomeOf(line);
  const invalid = line.decisions[line.decisions.length - 1]?.invalid;
  return {
    session_id: episode.sessionId,
    messages: [],
    observation: '',
    environment_feedback: '',
    reward: outcome.reward,
    rewards: outcome.reward,
    scores: outcome.reward,
    done: true,
    terminated: outcome.terminated,
    truncated: outcome.truncated,
    ...(invalid === undefined ? {} : { invalid_action: invalid }),
    info: {
      step: outcome.decisions,
      blame: outcome.blame,
      verifiers: outcome.verifiers,
      ...(outcome.final_answer === undefined ? {} : { final_answer: outcome.final_answer }),
      ...(outcome.truncated_by === undefined ? {} : { truncated_by: outcome.truncated_by }),
    },
    extra_logs: {
      step: outcome.decisions,
      success: outcome.blame === 'success' ? 1 : 0,
      invalid_replies: outcome.invalid_replies,
      policy_tokens: line.policyTokens,
    },
  };
}

/** OpenEnv's `POST /reset` with a `task_id`: the task's world for this seed, its task in `info.task`. */
export async function taskResetAnswer(
  tasks: TaskEpisodes,
  owner: string,
  body: ResetRequestBody & { readonly task_id: string },
  call: CallOptions = {},
): Promise<ResetResponse> {
  const episode = await tasks.start(
    {
      ownerHash: owner,
      taskId: body.task_id,
      seed: body.seed,
      member: body.member,
      episodeId: body.episode_id,
      labels: body.labels,
      mode: 'raw',
    },
    call,
  );
  const shown = firstTurn(await episode.handoff.current());
  return {
    session_id: episode.sessionId,
    observation: shown.turn.observation,
    reward: null,
    done: false,
    terminated: false,
    truncated: false,
    info: { ...episode.reset.info, task: taskInfoOf(episode) },
  };
}

export interface TaskStepRequest {
  readonly action: unknown;
  readonly done?: boolean | undefined;
  readonly finalAnswer?: string | undefined;
  readonly timeoutMs?: number | undefined;
}

/**
 * OpenEnv's `POST /step` on a task episode: the action is played by the rollout loop (a refused action is the
 * same error as on any session, and counts as the agent's invalid action); `reward` is 0 until the episode ends,
 * then the task's score with the outcome in `info.task`.
 */
export async function taskStepAnswer(episode: TaskEpisode, request: TaskStepRequest): Promise<StepResponse> {
  if (episode.mode !== 'raw') {
    throw new AgentWorldError(
      'INVALID_REQUEST',
      `Session ${episode.sessionId.slice(0, 100)} is a text episode: step it with POST /text/step.`,
    );
  }
  // `"action": null` with `done: true` ends the episode without acting.
  const action = request.done === true && request.action === null ? undefined : request.action;
  const point = await episode.handoff.reply((): PolicyDecision => {
    episode.session.lastStep = undefined;
    episode.session.nextStepTimeoutMs = request.timeoutMs;
    return {
      ...(action === undefined ? {} : { action }),
      reply: action === undefined ? '' : typeof action === 'string' ? action : JSON.stringify(action),
      done: request.done === true,
      ...(request.finalAnswer === undefined ? {} : { finalAnswer: request.finalAnswer }),
    };
  }, episode.sessionId);
  const last = episode.session.lastStep;
  if (point.kind === 'failed') throw stoppedError(episode, point.error);
  if (point.kind === 'turn') {
    if (last?.kind === 'refused') throw last.error;
    if (last?.kind !== 'stepped')
      throw new AgentWorldError('INTERNAL', 'The task episode went on without a step.');
    return {
      session_id: episode.sessionId,
      observation: last.result.observation,
      reward: 0,
      done: false,
      terminated: false,
      truncated: false,
      info: last.result.info,
    };
  }
  const line = point.outcome;
  if (line.error !== undefined) throw episodeFailure(line);
  const task = outcomeOf(line);
  const turns = line.record?.turns ?? [];
  const lastTurn = turns[turns.length - 1];
  const observation =
    last?.kind === 'stepped'
      ? last.result.observation
      : last?.kind === 'refused'
        ? toAgentWorldError(last.error).message
        : (lastTurn?.observation ?? episode.session.observation());
  return {
    session_id: episode.sessionId,
    observation,
    reward: task.reward,
    done: true,
    terminated: task.terminated,
    truncated: task.truncated,
    info:
      last?.kind === 'stepped'
        ? { ...last.result.info, task }
        : {
            sessionId: episode.sessionId,
            ...(lastTurn === undefined ? {} : { turn: lastTurn }),
            ledger: episode.session.ledgerSummary(),
            task,
          },
  };
}

/** How a scored episode ended, in wire names. */
export function outcomeOf(line: EpisodeLine): TaskOutcome {
  if (line.blame === 'infrastructure') throw episodeFailure(line);
  return {
    id: line.taskId,
    blame: line.blame,
    reward: line.reward ?? 0,
    terminated: line.terminated,
    truncated: line.truncated,
    ...(line.truncatedBy === undefined ? {} : { truncated_by: line.truncatedBy }),
    ...(line.finalAnswer === undefined ? {} : { final_answer: line.finalAnswer }),
    verifiers: line.verifiers,
    decisions: line.decisions.length,
    invalid_replies: line.invalidReplies,
  };
}

function taskInfoOf(episode: TaskEpisode): TextResetResponse['info']['task'] {
  const { loaded, episodeIndex } = episode.plan;
  return {
    id: loaded.task.id,
    instruction: loaded.task.instruction,
    episode_index: episodeIndex,
    member: episode.member,
    max_turns: episode.maxTurns,
  };
}

function firstTurn(point: Point): ShownTurn {
  if (point.kind === 'turn') return point.shown;
  if (point.kind === 'failed') throw toAgentWorldError(point.error);
  throw episodeFailure(point.outcome);
}

/** The episode broke off (closed by its client, reaped, the server stopping). */
function stoppedError(episode: TaskEpisode, error: unknown): AgentWorldError {
  if (isAgentWorldError(error, 'ABORTED')) {
    return new AgentWorldError(
      'SESSION_CLOSED',
      `The episode of session ${episode.sessionId.slice(0, 100)} was stopped: ${error.message}`,
    );
  }
  return toAgentWorldError(error);
}

function policyToolCall(call: TextToolCall, index: number): PolicyToolCall {
  const name = 'function' in call ? call.function.name : call.name;
  const args = 'function' in call ? call.function.arguments : call.arguments;
  return {
    id: call.id === undefined || call.id === '' ? `call_${index}` : call.id,
    name,
    arguments: typeof args === 'string' ? args : JSON.stringify(args),
  };
}

/** A chat message's text: its string content, or the text parts of a content array. */
export function messageText(message: ChatMessage | undefined): string {
  const content = message?.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) =>
      part !== null && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string'
        ? (part as { text: string }).text
        : '',
    )
    .filter((text) => text !== '')
    .join('\n');
}
