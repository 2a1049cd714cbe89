import { randomInt, randomUUID } from 'node:crypto';
import { renderControlBlock, SessionControl } from '../control/index.js';
import { type CallOptions, throwIfAborted } from '../core/abort.js';
import type { AnyDomain } from '../core/domain.js';
import { type Engine, followsControlInstructions } from '../core/engine.js';
import { AgentWorldError } from '../core/errors.js';
import {
  ConversationPrefix,
  DEFAULT_TURN_INSTRUCTION,
  newestUserMessage,
  renderTurnPrompt,
} from '../core/messages.js';
import {
  type Provenance,
  type ResetResult,
  SESSION_FORMAT,
  SESSION_FORMAT_VERSION,
  type SessionRecord,
  type StepResult,
  type Turn,
} from '../core/turn.js';
import type { WorldSpec } from '../core/world-spec.js';
import { worldIndexFor, worldInstructions } from '../worlds/index.js';

export interface ResetOptions extends CallOptions {
  /** Seeds the engine's sampling; defaults to the spec's seed, else a random one (reported in `info.seed`). */
  readonly seed?: number | undefined;
}

export interface StepOptions extends CallOptions {
  /**
   * Extra instructions for the world model on this turn, added to the turn's control block beside those of the
   * spec's perturbation rules (and kept in history like them).
   */
  readonly controlInstructions?: readonly string[];
}

/** Everything a session holds besides its engine; immutable values, so forks share them freely. */
interface SessionState {
  readonly seed: number;
  readonly turns: readonly Turn[];
  readonly ledger: unknown;
  readonly createdAt: string;
  /** The system prompt and history messages as sent, with their hash state (see ConversationPrefix). */
  readonly conversation: ConversationPrefix;
}

/**
 * One episode of one world: reset → step … → close. Observations come from the engine; the session owns the
 * prompt layout, the domain ledger and checks, provenance and timing. A failed step changes nothing.
 */
export class Session {
  readonly id: string;
  readonly spec: WorldSpec;
  readonly domain: AnyDomain;
  readonly engine: Engine;
  /** The domain's system prompt for the spec, before any trajectory-level perturbation conditions. */
  readonly systemPrompt: string;
  /** The spec's perturbation rules, resolved against the domain's catalog. */
  readonly control: SessionControl;
  readonly parentId: string | undefined;
  readonly forkedAtTurn: number | undefined;
  private state: SessionState | undefined;
  private closed = false;
  private busy = false;

  constructor(init: {
    spec: WorldSpec;
    domain: AnyDomain;
    engine: Engine;
    id?: string | undefined;
    systemPrompt?: string | undefined;
    control?: SessionControl | undefined;
    parentId?: string | undefined;
    forkedAtTurn?: number | undefined;
  }) {
    this.id = init.id ?? randomUUID();
    this.spec = init.spec;
    this.domain = init.domain;
    this.engine = init.engine;
    this.systemPrompt = init.systemPrompt ?? init.domain.systemPrompt(init.spec);
    this.control = init.control ?? new SessionControl(init.spec, init.domain);
    this.parentId = init.parentId;
    this.forkedAtTurn = init.forkedAtTurn;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  get started(): boolean {
    return this.state !== undefined;
  }

  get turns(): readonly Turn[] {
    return this.state?.turns ?? [];
  }

  get seed(): number | undefined {
    return this.state?.seed;
  }

  /** The system prompt the world model receives in this episode: the base plus the conditions in force. */
  get promptInForce(): string {
    return this.state?.conversation.systemPrompt ?? this.systemPrompt;
  }

  get dialect(): string {
    return this.spec.dialect ?? this.domain.defaultDialect;
  }

  ledgerSummary(): Record<string, unknown> {
    return this.domain.summarize(this.state?.ledger ?? this.domain.createLedger(this.spec));
  }

  /** Starts (or restarts) the episode. No engine call: the first observation comes from the spec. */
  async reset(options: ResetOptions = {}): Promise<ResetResult> {
    throwIfAborted(options.signal);
    this.assertOpen();
    if (this.busy)
      throw new AgentWorldError('SESSION_BUSY', `Session ${this.id} is in the middle of a step.`);
    const seed = options.seed ?? this.spec.seed ?? randomInt(0, 2 ** 31 - 1);
    if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1) {
      throw new AgentWorldError('INVALID_REQUEST', `Seed must be an integer in [0, 2^31-1], got ${seed}.`);
    }
    this.state = {
      seed,
      turns: [],
      ledger: this.domain.createLedger(this.spec),
      createdAt: new Date().toISOString(),
      conversation: ConversationPrefix.start(this.control.systemPrompt(this.systemPrompt, seed)),
    };
    return {
      observation: this.domain.initialObservation(this.spec),
      info: {
        sessionId: this.id,
        seed,
        domain: this.spec.domain,
        dialect: this.dialect,
        ledger: this.domain.summarize(this.state.ledger),
      },
    };
  }

  /** Validates the action, asks the engine for the observation, then records the turn. */
  async step(input: unknown, options: StepOptions = {}): Promise<StepResult> {
    throwIfAborted(options.signal);
    this.assertOpen();
    const state = this.state;
    if (state === undefined) {
      throw new AgentWorldError('SESSION_NOT_STARTED', `Session ${this.id}: call reset() before step().`);
    }
    if (this.busy) throw new AgentWorldError('SESSION_BUSY', `Session ${this.id} is already running a step.`);
    const startedAt = new Date();
    const started = performance.now();
    const action = this.domain.parseAction(input, this.spec, state.ledger);
    const turnIndex = state.turns.length + 1;
    if (turnIndex > this.spec.maxTurns) {
      throw new AgentWorldError(
        'INVALID_REQUEST',
        `Session ${this.id} already reached maxTurns (${this.spec.maxTurns}).`,
      );
    }
    const renderedAction = this.domain.renderAction(action, this.spec);
    const facts = { seed: state.seed, turnIndex, action, actionText: renderedAction };
    const injections = this.control.planTurn(facts);
    const instructions = [
      ...injections.flatMap((injection) =>
        injection.instruction === undefined ? [] : [injection.instruction],
      ),
      ...worldInstructions(this.spec, worldIndexFor(this.spec), facts),
      ...(options.controlInstructions ?? []),
    ];
    const prompt =
      renderTurnPrompt(
        turnIndex,
        this.domain.turnSections(this.spec, turnIndex, state.ledger),
        renderedAction,
      ) + renderControlBlock(instructions);
    const conversationRequest = state.conversation.request(
      newestUserMessage(prompt, this.spec.prompt.turnInstruction ?? DEFAULT_TURN_INSTRUCTION),
    );

    this.busy = true;
    let prediction: Awaited<ReturnType<Engine['predict']>>;
    const engineStarted = performance.now();
    try {
      prediction = await this.engine.predict(
        {
          spec: this.spec,
          sessionId: this.id,
          seed: state.seed,
          turnIndex,
          action,
          // Read lazily: engines that send `messagesJson` never pay for parsing the history back.
          get messages() {
            return conversationRequest.messages;
          },
          promptHash: conversationRequest.promptHash,
          messagesJson: conversationRequest.messagesJson,
          history: state.turns,
        },
        { signal: options.signal },
      );
    } finally {
      this.busy = false;
    }
    const engineMs = performance.now() - engineStarted;
    // A caller that aborted while the engine worked does not want this turn: record nothing.
    throwIfAborted(options.signal);
    // The session may have been closed, reset or forked while the engine worked: only the state we started
    // from may be extended.
    this.assertOpen();
    if (this.state !== state) {
      throw new AgentWorldError('SESSION_BUSY', `Session ${this.id} was reset while a step was running.`);
    }

    const controlled = this.control.afterObservation(
      injections,
      facts,
      prediction.observation,
      prediction.followedControlInstructions ?? followsControlInstructions(this.engine),
    );
    const observation = controlled.observation;
    // The real tool's own result describes the engine's observation only; a rendering that changed it drops it.
    const rawResult = observation === prediction.observation ? prediction.rawResult : undefined;
    // A check an injected perturbation legitimately breaks (its declared `overridesChecks`) is reported as skipped.
    const checks = [
      ...this.control.overrideChecks(injections, [
        ...this.domain.check({
          spec: this.spec,
          turnIndex,
          action,
          ledger: state.ledger,
          observation,
          rawResult,
        }),
        ...(prediction.checks ?? []),
      ]),
      ...controlled.checks,
    ];
    const ledger = this.domain.applyTurn(state.ledger, action, observation, this.spec);
    const events = [...prediction.events, ...controlled.events];
    for (const check of checks) {
      if (check.status === 'fail') {
        events.push({ type: 'check.failed', message: check.message ?? check.id, data: { check: check.id } });
      }
    }
    const totalMs = performance.now() - started;
    const turn: Turn = {
      index: turnIndex,
      action,
      prompt,
      observation,
      provenance:
        observation === prediction.observation
          ? prediction.provenance
          : injectedProvenance(prediction.provenance),
      events,
      checks,
      timing: {
        startedAt: startedAt.toISOString(),
        totalMs,
        engineMs,
        overheadMs: Math.max(0, totalMs - engineMs),
      },
      ...(prediction.usage === undefined ? {} : { usage: prediction.usage }),
      ...(prediction.reasoning === undefined ? {} : { reasoning: prediction.reasoning }),
      ...(rawResult === undefined ? {} : { rawResult }),
      ...(prediction.shadow === undefined ? {} : { shadow: prediction.shadow }),
    };
    this.state = {
      ...state,
      turns: [...state.turns, turn],
      ledger,
      conversation: state.conversation.appendTurn(turn.prompt, turn.observation),
    };
    return {
      observation,
      reward: 0,
      terminated: this.domain.isCompletion(action, this.spec),
      truncated: turnIndex >= this.spec.maxTurns,
      info: { sessionId: this.id, turn, ledger: this.domain.summarize(ledger) },
    };
  }

  /** A new session at this session's current turn; the two evolve independently from here. */
  fork(options: { id?: string } = {}): Session {
    this.assertOpen();
    const child = new Session({
      spec: this.spec,
      domain: this.domain,
      engine: this.engine,
      id: options.id,
      systemPrompt: this.systemPrompt,
      control: this.control,
      parentId: this.id,
      forkedAtTurn: this.turns.length,
    });
    child.state = this.state;
    return child;
  }

  /** Ends the session. Idempotent; later steps fail with SESSION_CLOSED. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.engine.releaseSession?.(this.id);
    } catch {
      // The session is closed either way; what the engine failed to free, its own close() frees.
    }
  }

  /** The session in its on-disk format (see docs/architecture.md). */
  toRecord(labels: Record<string, string> = {}): SessionRecord {
    const state = this.state;
    if (state === undefined) {
      throw new AgentWorldError(
        'SESSION_NOT_STARTED',
        `Session ${this.id} has not been reset; nothing to save.`,
      );
    }
    return {
      format: SESSION_FORMAT,
      version: SESSION_FORMAT_VERSION,
      id: this.id,
      ...(this.parentId === undefined ? {} : { parentId: this.parentId }),
      ...(this.forkedAtTurn === undefined ? {} : { forkedAtTurn: this.forkedAtTurn }),
      createdAt: state.createdAt,
      seed: state.seed,
      spec: this.spec,
      systemPrompt: this.systemPrompt,
      initialObservation: this.domain.initialObservation(this.spec),
      turns: [...state.turns],
      closed: this.closed,
      labels,
    };
  }

  /**
   * Rebuilds a live session from a record, at its last turn, without calling any engine: the ledger is
   * replayed from the recorded actions and observations.
   */
  static fromRecord(record: SessionRecord, domain: AnyDomain, engine: Engine): Session {
    const session = new Session({
      spec: record.spec,
      domain,
      engine,
      id: record.id,
      systemPrompt: record.systemPrompt,
      parentId: record.parentId,
      forkedAtTurn: record.forkedAtTurn,
    });
    let ledger = domain.createLedger(record.spec);
    for (const turn of record.turns)
      ledger = domain.applyTurn(ledger, turn.action, turn.observation, record.spec);
    let conversation = ConversationPrefix.start(
      session.control.systemPrompt(session.systemPrompt, record.seed),
    );
    for (const turn of record.turns) conversation = conversation.appendTurn(turn.prompt, turn.observation);
    session.state = {
      seed: record.seed,
      turns: record.turns,
      ledger,
      createdAt: record.createdAt,
      conversation,
    };
    session.closed = record.closed;
    return session;
  }

  private assertOpen(): void {
    if (this.closed) throw new AgentWorldError('SESSION_CLOSED', `Session ${this.id} is closed.`);
  }
}

/** A deterministic rendering changed the engine's observation: say so, keeping where the original came from. */
function injectedProvenance(original: Provenance): Provenance {
  return {
    source: 'injected',
    engine: original.engine,
    ...(original.model === undefined ? {} : { model: original.model }),
    promptHash: original.promptHash,
    ...(original.answeredBy === undefined ? {} : { answeredBy: original.answeredBy }),
    origin: original.origin ?? {
      source: original.source,
      engine: original.engine,
      ...(original.model === undefined ? {} : { model: original.model }),
    },
  };
}
