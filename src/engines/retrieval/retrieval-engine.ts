import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import type { Engine, Prediction, PredictRequest } from '../../core/engine.js';
import type { SessionEvent } from '../../core/turn.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { type DemonstrationPlacement, withDemonstrationTurns } from '../local/terminal-simulator.js';
import { renderDemonstrationBlock, utf8Bytes, withDemonstrationMessages } from './demonstration-block.js';
import { loadTransitionIndex } from './load-index.js';
import {
  DEFAULT_MESSAGES_DEMONSTRATION_BYTES,
  DEFAULT_TERMINAL_TURNS_DEMONSTRATION_BYTES,
  type RetrievalOptionsInput,
  RetrievalOptionsSchema,
} from './options.js';
import { queryOf, type RecordedTransition } from './transition.js';
import type { TransitionIndex, TransitionMatch } from './transition-index.js';

/**
 * How demonstrations reach the model: `messages`, a headed block in the newest user message (`lwm` and every
 * engine that reads messages); `terminal-turns`, earlier turns in the embedded terminal model's byte sequence
 * (`local`, which has no instruction channel).
 */
export type DemonstrationChannel = 'messages' | 'terminal-turns';

export interface RetrievalEngineOptions {
  /** The engine that answers, given the demonstrations. `close()` closes it. */
  readonly inner: Engine;
  readonly index: TransitionIndex;
  /** Demonstrations per turn (default 3, at most 16). */
  readonly k?: number;
  /** Most bytes the demonstrations of one turn may add (default 2,048 for `messages`, 768 for `terminal-turns`). */
  readonly maxDemonstrationBytes?: number | undefined;
  /** Most bytes of one demonstration's observation (default 600; `terminal-turns` leaves longer ones out). */
  readonly maxObservationBytes?: number;
  /** Default: `terminal-turns` for the `local` engine, `messages` for every other. */
  readonly channel?: DemonstrationChannel;
  /** `terminal-turns` only: where the demonstrations go in the byte sequence (default `before-history`). */
  readonly placement?: DemonstrationPlacement;
}

/** The event on every turn the wrapper saw: which demonstrations the model was given (ids), and their cost. */
export const RETRIEVAL_EVENT = 'retrieval.demonstrations';

export interface RetrievalEngineStats {
  readonly predictions: number;
  /** Turns given at least one demonstration. */
  readonly conditioned: number;
  readonly demonstrations: number;
  /** UTF-8 bytes the demonstrations added to the model's input, over all turns. */
  readonly addedBytes: number;
}

/** An engine whose model is given the k most similar recorded real transitions as demonstrations. */
export interface RetrievalEngine extends Engine {
  readonly inner: Engine;
  readonly index: TransitionIndex;
  readonly channel: DemonstrationChannel;
  stats(): RetrievalEngineStats;
}

/**
 * Wraps an engine so that each turn's model sees the k recorded real transitions (state, action, observation)
 * most similar to the turn, from other sessions of the same domain and dialect (never the request's own
 * session). The wrapper keeps the inner engine's id, kind and model (provenance is the inner engine's; the
 * `retrieval.demonstrations` event names the demonstrations by id). Completion actions (`[]`) get none.
 *
 * @example
 * const index = await loadTransitionIndex(['corpus/real']);
 * const engine = createRetrievalEngine({ inner: createLwmEngine({ baseUrl, model }), index, k: 3 });
 */
export function createRetrievalEngine(options: RetrievalEngineOptions): RetrievalEngine {
  return new DemonstratingEngine(options);
}

/** Reads the corpus (`RetrievalOptions`) and wraps the engine; the engine is closed if reading fails. */
export async function createRetrievalEngineFromOptions(
  inner: Engine,
  input: RetrievalOptionsInput,
  callOptions: CallOptions = {},
): Promise<RetrievalEngine> {
  try {
    const options = RetrievalOptionsSchema.parse(input);
    const index = await loadTransitionIndex(options.corpusPaths, callOptions);
    return createRetrievalEngine({ inner, index, ...options });
  } catch (error) {
    await inner.close();
    throw error;
  }
}

function isCompletion(action: unknown): boolean {
  return Array.isArray(action) && action.length === 0;
}

/** What one turn's model is given. */
interface Conditioned {
  readonly request: PredictRequest;
  readonly used: readonly RecordedTransition[];
  readonly addedBytes: number;
}

class DemonstratingEngine implements RetrievalEngine {
  readonly inner: Engine;
  readonly index: TransitionIndex;
  readonly channel: DemonstrationChannel;
  private readonly placement: DemonstrationPlacement;
  private readonly k: number;
  private readonly maxDemonstrationBytes: number;
  private readonly maxObservationBytes: number;
  private readonly counters = { predictions: 0, conditioned: 0, demonstrations: 0, addedBytes: 0 };

  constructor(options: RetrievalEngineOptions) {
    const parsed = RetrievalOptionsSchema.omit({ corpusPaths: true }).parse({
      k: options.k,
      maxDemonstrationBytes: options.maxDemonstrationBytes,
      maxObservationBytes: options.maxObservationBytes,
    });
    this.inner = options.inner;
    this.index = options.index;
    this.k = parsed.k;
    this.maxObservationBytes = parsed.maxObservationBytes;
    this.channel = options.channel ?? (options.inner.id === 'local' ? 'terminal-turns' : 'messages');
    this.maxDemonstrationBytes =
      parsed.maxDemonstrationBytes ??
      (this.channel === 'terminal-turns'
        ? DEFAULT_TERMINAL_TURNS_DEMONSTRATION_BYTES
        : DEFAULT_MESSAGES_DEMONSTRATION_BYTES);
    this.placement = options.placement ?? 'before-history';
  }

  get id(): string {
    return this.inner.id;
  }
  get kind(): Engine['kind'] {
    return this.inner.kind;
  }
  get followsControlInstructions(): boolean | undefined {
    return this.inner.followsControlInstructions;
  }
  get model(): string | undefined {
    return this.inner.model;
  }

  identity(): Record<string, unknown> {
    return {
      ...this.inner.identity(),
      retrieval: {
        corpus: this.index.fingerprint,
        k: this.k,
        channel: this.channel,
        ...(this.channel === 'terminal-turns' ? { placement: this.placement } : {}),
        maxDemonstrationBytes: this.maxDemonstrationBytes,
        maxObservationBytes: this.maxObservationBytes,
      },
    };
  }

  stats(): RetrievalEngineStats {
    return { ...this.counters };
  }

  async prepare(spec: WorldSpec, options?: CallOptions): Promise<void> {
    await this.inner.prepare?.(spec, options);
  }

  async releaseSession(sessionId: string): Promise<void> {
    await this.inner.releaseSession?.(sessionId);
  }

  async close(): Promise<void> {
    await this.inner.close();
  }

  async predict(request: PredictRequest, options: CallOptions = {}): Promise<Prediction> {
    throwIfAborted(options.signal);
    this.counters.predictions++;
    if (isCompletion(request.action)) return this.inner.predict(request, options);
    const matches = this.index.nearest(queryOf(request.spec, request.history, request.action), {
      k: this.k,
      excludeSessionId: request.sessionId,
    });
    const conditioned = this.condition(request, matches);
    if (conditioned.used.length > 0) this.counters.conditioned++;
    this.counters.demonstrations += conditioned.used.length;
    this.counters.addedBytes += conditioned.addedBytes;
    const prediction = await this.inner.predict(conditioned.request, options);
    return { ...prediction, events: [this.event(matches, conditioned), ...prediction.events] };
  }

  private condition(request: PredictRequest, matches: readonly TransitionMatch[]): Conditioned {
    const transitions = matches.map((match) => match.transition);
    if (this.channel === 'terminal-turns') return this.asTerminalTurns(request, transitions);
    const block = renderDemonstrationBlock(transitions, this.maxDemonstrationBytes, this.maxObservationBytes);
    if (block === undefined) return { request, used: [], addedBytes: 0 };
    const conditioned = withDemonstrationMessages(request, block.text);
    return { request: conditioned, used: block.used, addedBytes: utf8Bytes(`\n\n${block.text}`) };
  }

  /**
   * The best demonstrations that fit (whole: a cut screen would teach the model a cut output), placed so that the
   * best one is nearest to the session's own turns and the weakest is the first the history window drops.
   */
  private asTerminalTurns(request: PredictRequest, transitions: readonly RecordedTransition[]): Conditioned {
    const used: RecordedTransition[] = [];
    let addedBytes = 0;
    for (const transition of transitions) {
      const turns = transition.layoutTurns;
      if (turns === undefined || turns.length === 0) continue;
      const targetBytes = turns.reduce((sum, turn) => sum + utf8Bytes(turn.target), 0);
      // Each layout turn is its echo, its target and `</s>`.
      const bytes = turns.reduce((sum, turn) => sum + utf8Bytes(turn.echo) + 1, targetBytes);
      if (targetBytes > this.maxObservationBytes || addedBytes + bytes > this.maxDemonstrationBytes) continue;
      used.push(transition);
      addedBytes += bytes;
    }
    if (used.length === 0) return { request, used, addedBytes: 0 };
    const turns = [...used].reverse().flatMap((transition) => transition.layoutTurns ?? []);
    return { request: withDemonstrationTurns(request, turns, this.placement), used, addedBytes };
  }

  private event(matches: readonly TransitionMatch[], conditioned: Conditioned): SessionEvent {
    const ids = conditioned.used.map((transition) => transition.id);
    const scores = new Map(matches.map((match) => [match.transition.id, match.score]));
    return {
      type: RETRIEVAL_EVENT,
      message:
        ids.length === 0
          ? 'No recorded transition of this world matched the action.'
          : `Given ${ids.length} demonstration${ids.length === 1 ? '' : 's'} from recorded sessions: ${ids.join(', ')}.`,
      data: {
        ids,
        scores: ids.map((id) => Math.round((scores.get(id) ?? 0) * 1000) / 1000),
        channel: this.channel,
        addedBytes: conditioned.addedBytes,
        matched: matches.length,
      },
    };
  }
}
