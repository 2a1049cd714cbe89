/**
 * One task episode served over the env server: the rollout's own loop (`attemptMember`: budgets, blame, scoring
 * exactly as `agentworld rollout`) runs on a stored session of the server, and its policy is the client. The
 * policy offers each turn through a ReplyHandoff and waits for the client's next step; in text mode the turn is
 * shown and the reply read by the same AdapterConversation an OpenAiChatPolicy uses, in raw mode the client
 * sends actions in the world's dialect (OpenEnv's `/step`).
 */
import type { CallOptions } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';
import type { ResetResult } from '../../core/turn.js';
import type { AgentAdapter, AgentAdapterFactory, ChatMessage } from '../../policies/adapters/index.js';
import { agentAdapterFor } from '../../policies/adapters/index.js';
import { AdapterConversation, type AssistantAnswer } from '../../policies/conversation.js';
import type { Policy, PolicyDecision, PolicyTurn } from '../../policies/policy.js';
import { resolveBudgets } from '../../rollout/episode-spec.js';
import { attemptMember, type MemberContext } from '../../rollout/run-episode.js';
import type { Clock, EpisodeBudgets, EpisodeLine } from '../../rollout/types.js';
import type { ScoreEpisode } from '../../tasks/scoring.js';
import type { SessionManager } from '../sessions/session-manager.js';
import { ManagedEpisodeSession } from './managed-episode-session.js';
import { ReplyHandoff } from './reply-handoff.js';
import type { TaskEpisodePlan } from './task-catalog.js';

/** `text`: the client is a chat model's loop (`/text/*`); `raw`: an OpenEnv client sending actions (`/step`). */
export type EpisodeMode = 'text' | 'raw';

/** What the loop shows the client for one decision. */
export interface ShownTurn {
  readonly turn: PolicyTurn;
  /** Text mode: the messages the harness adds for this turn (its opening at step 0); raw mode: none. */
  readonly messages: readonly ChatMessage[];
}

export interface TaskEpisodeOptions {
  readonly manager: SessionManager;
  readonly ownerHash: string;
  readonly plan: TaskEpisodePlan;
  readonly mode: EpisodeMode;
  readonly score: ScoreEpisode;
  readonly budgets?: EpisodeBudgets | undefined;
  /** The loop's budget clock (default `performance.now`). */
  readonly clock?: Clock | undefined;
  readonly episodeId?: string | undefined;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  readonly member?: number | undefined;
  /** The policy id in the episode line (default `external:text` / `external:raw`). */
  readonly policyId?: string | undefined;
  /** Overrides the adapter the spec's dialect picks (text mode). */
  readonly adapter?: AgentAdapterFactory | undefined;
  /** Called once the loop stopped (ended, failed or aborted). */
  readonly onStopped?: ((episode: TaskEpisode) => void) | undefined;
}

/** The client's policy: each decision waits for the client's next step. */
class ClientPolicy implements Policy {
  readonly id: string;
  readonly conversation: AdapterConversation | undefined;
  readonly #played: Record<string, unknown>[] = [];

  constructor(
    id: string,
    private readonly handoff: ReplyHandoff<ShownTurn, PolicyDecision, EpisodeLine>,
    adapter: AgentAdapter | undefined,
  ) {
    this.id = id;
    this.conversation = adapter === undefined ? undefined : new AdapterConversation(adapter);
  }

  async decide(turn: PolicyTurn, options: CallOptions = {}): Promise<PolicyDecision> {
    const conversation = this.conversation;
    if (conversation === undefined) {
      this.#played.push({ role: 'user', content: turn.invalidActionError ?? turn.observation });
      const decision = await this.handoff.offer({ turn, messages: [] }, options.signal);
      this.#played.push({ role: 'assistant', content: decision.reply });
      return decision;
    }
    const before = conversation.messages.length;
    conversation.observe(turn);
    return this.handoff.offer({ turn, messages: conversation.messages.slice(before) }, options.signal);
  }

  messages(): readonly Record<string, unknown>[] {
    return this.conversation?.messages ?? this.#played;
  }
}

export class TaskEpisode {
  readonly sessionId: string;
  readonly ownerHash: string;
  readonly plan: TaskEpisodePlan;
  readonly mode: EpisodeMode;
  readonly session: ManagedEpisodeSession;
  readonly handoff = new ReplyHandoff<ShownTurn, PolicyDecision, EpisodeLine>();
  /** The session's reset answer (seed, domain, dialect, first ledger). */
  readonly reset: ResetResult;
  readonly member: number;
  /** Decisions the episode may take before it is truncated (the rollout's resolved turn budget). */
  readonly maxTurns: number;
  /** The finished episode (absent while it runs, and when it was aborted). */
  line: EpisodeLine | undefined;
  /** Epoch ms of the last client request (the idle reaper reads it). */
  lastUsed: number;
  #policy: ClientPolicy | undefined;
  readonly #controller = new AbortController();
  readonly #stopped: Promise<void>;

  private constructor(
    options: TaskEpisodeOptions,
    session: ManagedEpisodeSession,
    reset: ResetResult,
    now: number,
  ) {
    this.sessionId = session.id;
    this.reset = reset;
    this.ownerHash = options.ownerHash;
    this.plan = options.plan;
    this.mode = options.mode;
    this.session = session;
    this.lastUsed = now;
    const { loaded, spec, episodeIndex } = options.plan;
    const policyId = options.policyId ?? `external:${options.mode}`;
    const budgets = resolveBudgets(loaded, spec, options.budgets);
    this.member = options.member ?? 0;
    this.maxTurns = budgets.maxTurns;
    const context: MemberContext = {
      loaded,
      spec,
      episodeIndex,
      member: this.member,
      groupSize: 1,
      policyFactory: (sessionSpec, instruction) => {
        const adapter =
          options.mode === 'text'
            ? (options.adapter ?? agentAdapterFor)(sessionSpec, instruction)
            : undefined;
        this.#policy = new ClientPolicy(policyId, this.handoff, adapter);
        return this.#policy;
      },
      score: options.score,
      budgets,
      clock: options.clock ?? (() => performance.now()),
      // The client has seen this attempt's turns: an infrastructure failure ends the episode, never replays it.
      maxInfraRetries: 0,
    };
    const source = async () => ({ session, observation: session.observation() });
    this.#stopped = attemptMember(source, context, 1, { signal: this.#controller.signal }).then(
      (line) => {
        this.line = line;
        this.handoff.finish(line);
        options.onStopped?.(this);
      },
      (error: unknown) => {
        this.handoff.fail(error);
        options.onStopped?.(this);
      },
    );
  }

  /** Starts the episode's stored session (owned by the client's key) and its loop; resolves at the first turn. */
  static async start(
    options: TaskEpisodeOptions,
    call: CallOptions = {},
    now = Date.now(),
  ): Promise<TaskEpisode> {
    const { plan, manager, ownerHash } = options;
    const labels: Record<string, string> = {
      ...(options.labels ?? {}),
      task_id: plan.loaded.task.id,
      episode_index: String(plan.episodeIndex),
      member: String(options.member ?? 0),
      mode: options.mode,
    };
    const { sessionId, result } = await manager.reset(
      { ownerHash, spec: plan.spec, seed: plan.sessionSeed, episodeId: options.episodeId, labels },
      call,
    );
    const session = await ManagedEpisodeSession.open(manager, ownerHash, sessionId, result.info.seed, call);
    return new TaskEpisode(options, session, result, now);
  }

  /** The harness adapter (text mode), once the loop made the policy. */
  get adapter(): AgentAdapter | undefined {
    return this.#policy?.conversation?.adapter;
  }

  /** Text mode: reads the client's completion as the harness does (the same code an OpenAiChatPolicy uses). */
  answerText(answer: AssistantAnswer): PolicyDecision {
    const conversation = this.#policy?.conversation;
    if (conversation === undefined) throw new Error('answerText on a raw-mode episode');
    return conversation.answer(answer);
  }

  /** Stops the loop (the session is closed, nothing is scored); resolves once it stopped. */
  async abort(reason: string): Promise<void> {
    this.#controller.abort(new AgentWorldError('ABORTED', reason));
    await this.#stopped;
  }

  /** Resolves once the loop stopped. */
  stopped(): Promise<void> {
    return this.#stopped;
  }
}
