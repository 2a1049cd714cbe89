import { randomUUID } from 'node:crypto';
import { anySignal, type CallOptions, throwIfAborted } from '../core/abort.js';
import type { Engine } from '../core/engine.js';
import { AgentWorldError } from '../core/errors.js';
import type { WorldSpec } from '../core/world-spec.js';
import type { Policy, PolicyFactory } from '../policies/policy.js';
import { createEnv } from '../session/create-env.js';
import type { Session } from '../session/session.js';
import type { ScoreEpisode } from '../tasks/scoring.js';
import { blameScoredEpisode, InfrastructureFailure, isAgentActionError } from './blame.js';
import { resolveBudgets, specForEpisode } from './episode-spec.js';
import {
  type Clock,
  type DecisionRecord,
  EPISODE_FORMAT,
  type EpisodeBudgets,
  type EpisodeLine,
  type LoadedTask,
  type ResolvedBudgets,
  type TruncationReason,
} from './types.js';

/** Shown to a policy whose reply held no action and no invalid-action error of its adapter's own. */
export const NO_ACTION_ERROR = 'Your reply held no action. Reply with an action in the expected format.';

/** What one member of a group (or a lone episode) needs besides its session. */
export interface MemberContext {
  readonly loaded: LoadedTask;
  /** The episode's spec (the curriculum's rules for this episode index applied). */
  readonly spec: WorldSpec;
  readonly episodeIndex: number;
  readonly member: number;
  readonly groupSize: number;
  readonly policyFactory: PolicyFactory;
  readonly score: ScoreEpisode;
  readonly budgets: ResolvedBudgets;
  readonly clock: Clock;
  /** Attempts after the first for an infrastructure failure that is retryable (default 2). */
  readonly maxInfraRetries: number;
  /** A hard limit on one attempt; when it fires the attempt is an infrastructure failure (retryable). */
  readonly episodeTimeoutMs?: number | undefined;
}

/**
 * What the loop uses of a session: a Session, or anything stepping one on its behalf (the env server steps its
 * stored sessions through its session manager, so every turn is committed and owned as any other session's).
 */
export type EpisodeSession = Pick<
  Session,
  'spec' | 'seed' | 'started' | 'step' | 'toRecord' | 'ledgerSummary' | 'close'
>;

/** Makes a fresh session for one attempt (a fork of the group's reset), with its first observation. */
export type SessionSource = (
  options: CallOptions,
) => Promise<{ readonly session: EpisodeSession; readonly observation: string }>;

interface PlayOutcome {
  readonly decisions: DecisionRecord[];
  readonly terminated: boolean;
  readonly truncatedBy: TruncationReason | undefined;
  readonly lastReplyInvalid: boolean;
  readonly finalAnswer: string | undefined;
  readonly policyTokens: number;
  readonly invalidReplies: number;
}

/**
 * The policy ⇄ session loop. Ends when the policy is done, the world terminates, or a budget truncates it.
 * Throws InfrastructureFailure for engine and policy failures, ABORTED when the signal fires.
 */
async function play(
  session: EpisodeSession,
  firstObservation: string,
  policy: Policy,
  context: MemberContext,
  signal: AbortSignal | undefined,
): Promise<PlayOutcome> {
  const { budgets, clock } = context;
  const startedAt = clock();
  const decisions: DecisionRecord[] = [];
  let observation = firstObservation;
  let invalidActionError: string | undefined;
  let policyTokens = 0;
  let invalidReplies = 0;
  let finalAnswer: string | undefined;
  const end = (terminated: boolean, truncatedBy: TruncationReason | undefined): PlayOutcome => ({
    decisions,
    terminated,
    truncatedBy,
    lastReplyInvalid: invalidActionError !== undefined,
    finalAnswer,
    policyTokens,
    invalidReplies,
  });
  for (;;) {
    if (decisions.length >= budgets.maxTurns) return end(false, 'turns');
    if (policyTokens >= budgets.maxTokens) return end(false, 'tokens');
    if (clock() - startedAt >= budgets.maxSeconds * 1000) return end(false, 'seconds');
    throwIfAborted(signal);
    const step = decisions.length;
    let decision: Awaited<ReturnType<Policy['decide']>>;
    try {
      decision = await policy.decide(
        { step, spec: session.spec, observation, invalidActionError },
        { signal },
      );
    } catch (error) {
      throw signal?.aborted ? error : new InfrastructureFailure('policy', error);
    }
    policyTokens += decision.usage?.totalTokens ?? 0;
    if (decision.finalAnswer !== undefined) finalAnswer = decision.finalAnswer;
    const record: {
      -readonly [K in keyof DecisionRecord]: DecisionRecord[K];
    } = { step, reply: decision.reply, done: decision.done };
    if (decision.usage !== undefined) record.usage = decision.usage;
    if (decision.finalAnswer !== undefined) record.finalAnswer = decision.finalAnswer;
    decisions.push(record);
    invalidActionError = decision.invalid;
    // A reply with neither an action nor an answer is not a valid action either (adapters word their own error).
    if (invalidActionError === undefined && decision.action === undefined && !decision.done)
      invalidActionError = NO_ACTION_ERROR;
    if (decision.invalid === undefined && decision.action !== undefined) {
      record.action = decision.action;
      try {
        const result = await session.step(decision.action, { signal });
        record.turnIndex = result.info.turn.index;
        observation = result.observation;
        if (result.terminated) return end(true, undefined);
        if (result.truncated && !decision.done) return end(false, 'turns');
      } catch (error) {
        if (signal?.aborted) throw error;
        // The world refused the action as its dialect's harness would: the agent sees the error, nothing is stepped.
        if (isAgentActionError(error)) invalidActionError = error.message;
        else throw new InfrastructureFailure('engine', error);
      }
    }
    if (invalidActionError !== undefined) {
      record.invalid = invalidActionError;
      invalidReplies += 1;
    }
    if (decision.done) return end(true, undefined);
  }
}

/** One attempt of one member: play, then score. Infrastructure failures come back as lines, never scored. */
export async function attemptMember(
  source: SessionSource,
  context: MemberContext,
  attempt: number,
  options: CallOptions = {},
): Promise<EpisodeLine> {
  // A timer of our own (AbortSignal.timeout's is unref'd: a run whose only pending work hangs would just exit).
  const timeoutController = context.episodeTimeoutMs === undefined ? undefined : new AbortController();
  const timer =
    timeoutController === undefined
      ? undefined
      : setTimeout(() => timeoutController.abort(), context.episodeTimeoutMs);
  const timeout = timeoutController?.signal;
  const signal = anySignal([options.signal, timeout]);
  const seedFallback = context.loaded.spec.seed ?? 0;
  let session: EpisodeSession | undefined;
  let policy: Policy | undefined;
  try {
    let opened: Awaited<ReturnType<SessionSource>>;
    try {
      opened = await source({ signal });
    } catch (error) {
      throw signal?.aborted ? error : new InfrastructureFailure('engine', error);
    }
    session = opened.session;
    const seed = session.seed ?? seedFallback;
    policy = context.policyFactory(session.spec, context.loaded.task.instruction, seed);
    const outcome = await play(session, opened.observation, policy, context, signal);
    const record = session.toRecord(labelsOf(context));
    let score: Awaited<ReturnType<ScoreEpisode>>;
    try {
      score = await context.score(
        {
          task: context.loaded.task,
          spec: session.spec,
          record,
          ledger: session.ledgerSummary(),
          finalAnswer: outcome.finalAnswer,
        },
        { signal },
      );
    } catch (error) {
      throw signal?.aborted ? error : new InfrastructureFailure('verifier', error);
    }
    const truncated = outcome.truncatedBy !== undefined;
    return {
      ...lineBase(context, seed, policy, attempt),
      blame: blameScoredEpisode({
        success: score.success,
        truncated,
        lastReplyInvalid: outcome.lastReplyInvalid,
      }),
      reward: score.reward,
      verifiers: score.verifiers.map((verifier) => ({ ...verifier })),
      terminated: outcome.terminated,
      truncated,
      ...(outcome.truncatedBy === undefined ? {} : { truncatedBy: outcome.truncatedBy }),
      ...(outcome.finalAnswer === undefined ? {} : { finalAnswer: outcome.finalAnswer }),
      policyTokens: outcome.policyTokens,
      invalidReplies: outcome.invalidReplies,
      decisions: outcome.decisions,
      record,
      messages: [...policy.messages()],
    };
  } catch (caught) {
    // The caller's own abort is not an outcome: nothing is recorded for this episode.
    if (options.signal?.aborted) throw caught;
    const failure =
      caught instanceof InfrastructureFailure
        ? caught
        : timeout?.aborted
          ? new InfrastructureFailure(
              'timeout',
              new AgentWorldError(
                'ENGINE_TIMEOUT',
                `The episode ran past its ${context.episodeTimeoutMs} ms timeout.`,
              ),
            )
          : new InfrastructureFailure('runner', caught);
    return {
      ...lineBase(context, session?.seed ?? seedFallback, policy, attempt),
      blame: 'infrastructure',
      verifiers: [],
      terminated: false,
      truncated: false,
      policyTokens: 0,
      invalidReplies: 0,
      error: failure.toRecord(),
      decisions: [],
      ...(session?.started ? { record: session.toRecord(labelsOf(context)) } : {}),
      messages: policy === undefined ? [] : [...policy.messages()],
    };
  } finally {
    clearTimeout(timer);
    await session?.close();
  }
}

/** Runs attempts until one is not an infrastructure failure, or the failure is not retryable, or retries run out. */
export async function runMemberWithRetries(
  source: SessionSource,
  context: MemberContext,
  options: CallOptions = {},
): Promise<EpisodeLine> {
  let attempt = 1;
  for (;;) {
    const line = await attemptMember(source, context, attempt, options);
    if (line.blame !== 'infrastructure') return line;
    if (line.error?.retryable !== true || attempt > context.maxInfraRetries) return line;
    attempt += 1;
  }
}

function lineBase(
  context: MemberContext,
  seed: number,
  policy: Policy | undefined,
  attempts: number,
): Pick<
  EpisodeLine,
  | 'format'
  | 'version'
  | 'taskId'
  | 'episodeIndex'
  | 'groupId'
  | 'member'
  | 'groupSize'
  | 'seed'
  | 'policySeed'
  | 'policyId'
  | 'attempts'
  | 'finishedAt'
  | 'tools'
> {
  const tools = openAiTools(context.spec);
  return {
    format: EPISODE_FORMAT,
    version: 1,
    taskId: context.loaded.task.id,
    episodeIndex: context.episodeIndex,
    groupId: groupIdOf(context.loaded.task.id, context.episodeIndex),
    member: context.member,
    groupSize: context.groupSize,
    seed,
    policySeed: seed,
    policyId: policy?.id ?? 'unknown',
    attempts,
    finishedAt: new Date().toISOString(),
    ...(tools === undefined ? {} : { tools }),
  };
}

export function groupIdOf(taskId: string, episodeIndex: number): string {
  return `${taskId}#${episodeIndex}`;
}

function labelsOf(context: MemberContext): Record<string, string> {
  return {
    taskId: context.loaded.task.id,
    episodeIndex: String(context.episodeIndex),
    groupId: groupIdOf(context.loaded.task.id, context.episodeIndex),
    member: String(context.member),
  };
}

/** The world's tools in OpenAI's `tools` shape (mcp, search and swe tool dialects). */
function openAiTools(spec: WorldSpec): Record<string, unknown>[] | undefined {
  if (spec.tools === undefined || spec.tools.length === 0) return undefined;
  return spec.tools.map((tool) => ({
    type: 'function',
    function: {
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      parameters: tool.inputSchema,
    },
  }));
}

export interface RunEpisodeOptions extends CallOptions {
  readonly loaded: LoadedTask;
  readonly engine: Engine;
  readonly policyFactory: PolicyFactory;
  readonly score: ScoreEpisode;
  /** The session seed (perturbation draws, world-model sampling) and the policy's sampling seed. */
  readonly seed: number;
  readonly episodeIndex?: number | undefined;
  readonly budgets?: EpisodeBudgets | undefined;
  readonly clock?: Clock | undefined;
  readonly maxInfraRetries?: number | undefined;
  readonly episodeTimeoutMs?: number | undefined;
}

/**
 * One episode of a task: reset, the policy ⇄ session loop, then the verifiers. Never throws for an episode's
 * outcome (infrastructure failures come back with blame `infrastructure`); throws ABORTED when the signal fires.
 */
export async function runEpisode(options: RunEpisodeOptions): Promise<EpisodeLine> {
  const episodeIndex = options.episodeIndex ?? 0;
  const spec = specForEpisode(options.loaded, episodeIndex);
  const context: MemberContext = {
    loaded: options.loaded,
    spec,
    episodeIndex,
    member: 0,
    groupSize: 1,
    policyFactory: options.policyFactory,
    score: options.score,
    budgets: resolveBudgets(options.loaded, spec, options.budgets),
    clock: options.clock ?? (() => performance.now()),
    maxInfraRetries: options.maxInfraRetries ?? 2,
    episodeTimeoutMs: options.episodeTimeoutMs,
  };
  const source: SessionSource = async ({ signal }) => {
    const session = await createEnv(spec, { engine: options.engine, signal, id: randomUUID() });
    const reset = await session.reset({ seed: options.seed, signal });
    return { session, observation: reset.observation };
  };
  return runMemberWithRetries(source, context, { signal: options.signal });
}
