import { anySignal, type CallOptions, throwIfAborted } from '../../core/abort.js';
import {
  type Engine,
  followsControlInstructions,
  type Prediction,
  type PredictRequest,
} from '../../core/engine.js';
import { AgentWorldError, isAgentWorldError } from '../../core/errors.js';
import type { Provenance } from '../../core/turn.js';
import type { WorldSpec } from '../../core/world-spec.js';
import type { Twin, TwinAnswer } from '../../twins/twin.js';
import { conditionOnTwin } from './twin-conditioning.js';

/** How a declined turn's request reaches the model: with the twin's state as a note in its messages, or as it is. */
export type TwinConditioning = 'messages' | 'none';

export interface HybridEngineOptions {
  readonly twin: Twin;
  /** Answers what the twin declines (`lwm`, `local`, or a wrapper of one). `close()` closes it. */
  readonly model: Engine;
  /**
   * Default: `none` for the `local` engine (its embedded models read only the turns themselves, not messages),
   * `messages` for every other engine (the twin's state is added to the newest user message; see
   * twin-conditioning.ts).
   */
  readonly conditioning?: TwinConditioning;
  /** The most the twin may take for one turn (default 10 s); past it the step fails with ENGINE_TIMEOUT. */
  readonly twinTimeoutMs?: number;
  /** The longest twin observation, in UTF-8 bytes (default 1 MiB); a longer one is cut and labelled. */
  readonly maxObservationBytes?: number;
}

export const HYBRID_TWIN_EVENT = 'hybrid.twin';
export const HYBRID_MODEL_EVENT = 'hybrid.model';
export const HYBRID_NEITHER_EVENT = 'hybrid.neither';
/** Events by which an engine says it labelled an action it cannot simulate (the local engine's). */
const UNSUPPORTED_EVENTS = new Set(['local.unsupported']);

const DEFAULT_TWIN_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_OBSERVATION_BYTES = 1024 * 1024;

export interface HybridEngineStats {
  readonly predictions: number;
  readonly twinAnswered: number;
  readonly modelAnswered: number;
  /** Declined by the twin and labelled unsupported by the model. */
  readonly neither: number;
}

/** A deterministic twin answering exactly what it can, a world model the rest (issue 17). */
export interface HybridEngine extends Engine {
  readonly id: 'hybrid';
  readonly twin: Twin;
  readonly modelEngine: Engine;
  prepare(spec: WorldSpec, options?: CallOptions): Promise<void>;
  stats(): HybridEngineStats;
}

/**
 * Creates the `hybrid` engine. Per turn: when the twin supports the spec it is asked first; an exact answer is
 * the observation (the model is not called); a declined turn goes to the model, conditioned on the twin's state
 * (see `TwinConditioning`), and the twin then absorbs the model's observation. Every turn's provenance
 * (`engine: hybrid`, `answeredBy`) names the side that answered, its model and why, and an event says the same.
 *
 * Control: the twin does not read control instructions, so its answers say `followedControlInstructions: false`
 * and the session applies each injected perturbation's deterministic rendering to them, as for `replay` and the
 * embedded models; the model's answers say whatever the model engine says.
 *
 * Failures: a twin that throws (or runs past `twinTimeoutMs`) fails the step (ENGINE_ERROR, or ENGINE_TIMEOUT)
 * rather than falling back to the model: its world may be half-changed and a fallback would hide the fault. The
 * twin's world for the session is released first, so the next step rebuilds it from the recorded history.
 * The model's own failures pass through unchanged.
 *
 * @example
 * const engine = createHybridEngine({ twin: createTerminalTwin(), model: createLwmEngine({ baseUrl, model }) });
 */
export function createHybridEngine(options: HybridEngineOptions): HybridEngine {
  return new TwinFirstEngine(options);
}

class TwinFirstEngine implements HybridEngine {
  readonly id = 'hybrid' as const;
  readonly kind = 'model' as const;
  /** The twin does not read control instructions; each prediction says for itself (see createHybridEngine). */
  readonly followsControlInstructions = false;
  readonly twin: Twin;
  readonly modelEngine: Engine;
  private readonly conditioning: TwinConditioning;
  private readonly twinTimeoutMs: number;
  private readonly maxObservationBytes: number;
  private closed = false;
  private readonly counters = { predictions: 0, twinAnswered: 0, modelAnswered: 0, neither: 0 };

  constructor(options: HybridEngineOptions) {
    this.twin = options.twin;
    this.modelEngine = options.model;
    this.conditioning = options.conditioning ?? (options.model.id === 'local' ? 'none' : 'messages');
    this.twinTimeoutMs = positive(options.twinTimeoutMs ?? DEFAULT_TWIN_TIMEOUT_MS, 'twinTimeoutMs');
    this.maxObservationBytes = positive(
      options.maxObservationBytes ?? DEFAULT_MAX_OBSERVATION_BYTES,
      'maxObservationBytes',
    );
  }

  /** The model's id (what answers declined turns); the twin's id is in `identity()` and per-turn provenance. */
  get model(): string | undefined {
    return this.modelEngine.model;
  }

  identity(): Record<string, unknown> {
    return {
      engine: 'hybrid',
      twin: { id: this.twin.id, ...this.twin.identity() },
      model: this.modelEngine.identity(),
      conditioning: this.conditioning,
      maxObservationBytes: this.maxObservationBytes,
    };
  }

  stats(): HybridEngineStats {
    return { ...this.counters };
  }

  /** Refuses (CONFIG_INVALID) a world the twin does not simulate: a server's reset fails with the reason. */
  async prepare(spec: WorldSpec, options: CallOptions = {}): Promise<void> {
    this.assertOpen();
    if (!this.twin.supports({ spec })) {
      throw new AgentWorldError(
        'CONFIG_INVALID',
        `The hybrid engine's twin (${this.twin.id}) does not simulate this ${spec.domain} world; use an engine without a twin (lwm or local) for it.`,
        { details: { twin: this.twin.id, domain: spec.domain } },
      );
    }
    await this.modelEngine.prepare?.(spec, options);
  }

  async predict(request: PredictRequest, options: CallOptions = {}): Promise<Prediction> {
    this.assertOpen();
    throwIfAborted(options.signal);
    this.counters.predictions++;
    if (!this.twin.supports(request)) {
      const reason = `the twin ${this.twin.id} does not simulate this world (${request.spec.domain})`;
      return this.fromModel(request, request, reason, options);
    }
    const answer = await this.askTwin(request, options);
    if (answer.kind === 'answered') return this.fromTwin(request, answer);
    const conditioned =
      this.conditioning === 'messages' ? conditionOnTwin(request, answer.reason, answer.state) : request;
    const prediction = await this.fromModel(request, conditioned, answer.reason, options);
    if (prediction.provenance.answeredBy?.side === 'model') {
      await this.twin.absorb(request, prediction.observation, options);
    }
    return prediction;
  }

  async releaseSession(sessionId: string): Promise<void> {
    await Promise.all([this.twin.releaseSession(sessionId), this.modelEngine.releaseSession?.(sessionId)]);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([this.twin.close(), this.modelEngine.close()]);
  }

  /** The twin's answer within its time bound; a failure releases the session's twin world and fails the step. */
  private async askTwin(request: PredictRequest, options: CallOptions): Promise<TwinAnswer> {
    const timeout = AbortSignal.timeout(this.twinTimeoutMs);
    const signal = anySignal([options.signal, timeout]);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(this.twinTimeout()), this.twinTimeoutMs + 50);
    });
    try {
      return await Promise.race([this.twin.answer(request, { signal }), expired]);
    } catch (error) {
      throwIfAborted(options.signal);
      await this.twin.releaseSession(request.sessionId).catch(() => undefined);
      if (timeout.aborted) throw this.twinTimeout();
      if (isAgentWorldError(error)) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new AgentWorldError('ENGINE_ERROR', `The twin ${this.twin.id} failed: ${message}`, {
        cause: error,
        details: { twin: this.twin.id },
      });
    } finally {
      clearTimeout(timer);
    }
  }

  private twinTimeout(): AgentWorldError {
    return new AgentWorldError(
      'ENGINE_TIMEOUT',
      `The twin ${this.twin.id} did not answer within ${this.twinTimeoutMs} ms.`,
      { details: { twin: this.twin.id, timeoutMs: this.twinTimeoutMs } },
    );
  }

  private fromTwin(request: PredictRequest, answer: Extract<TwinAnswer, { kind: 'answered' }>): Prediction {
    this.counters.twinAnswered++;
    const { observation, cut } = boundBytes(answer.observation, this.maxObservationBytes);
    const provenance: Provenance = {
      source: 'simulated',
      engine: 'hybrid',
      model: this.twin.id,
      promptHash: request.promptHash,
      answeredBy: { side: 'twin', engine: this.twin.id, model: this.twin.id, reason: answer.reason },
    };
    return {
      observation,
      provenance,
      events: [
        {
          type: HYBRID_TWIN_EVENT,
          message: `Answered exactly by the twin ${this.twin.id} (${answer.reason}).`,
          data: { reason: answer.reason, ...(cut ? { cutAtBytes: this.maxObservationBytes } : {}) },
        },
      ],
      // A twin that carried out the turn's perturbations on its own world needs no rendering on top.
      followedControlInstructions: (answer.carriedOut?.length ?? 0) > 0,
    };
  }

  /** The model's answer to `sent` (the request, conditioned or not), its provenance naming the model's side. */
  private async fromModel(
    request: PredictRequest,
    sent: PredictRequest,
    reason: string,
    options: CallOptions,
  ): Promise<Prediction> {
    const prediction = await this.modelEngine.predict(sent, options);
    const original = prediction.provenance;
    const labelled = prediction.events.some((event) => UNSUPPORTED_EVENTS.has(event.type));
    const side = labelled ? 'neither' : 'model';
    if (labelled) this.counters.neither++;
    else this.counters.modelAnswered++;
    const model = original.model ?? this.modelEngine.model;
    const provenance: Provenance = {
      ...original,
      engine: 'hybrid',
      ...(model === undefined ? {} : { model }),
      answeredBy: { side, engine: original.engine, ...(model === undefined ? {} : { model }), reason },
    };
    const event = labelled
      ? {
          type: HYBRID_NEITHER_EVENT,
          message: `Neither side can simulate this: the twin declined (${reason}) and the ${original.engine} engine labelled it unsupported.`,
          data: { reason, engine: original.engine },
        }
      : {
          type: HYBRID_MODEL_EVENT,
          message: `Answered by the ${original.engine} engine: the twin declined (${reason}).`,
          data: {
            reason,
            engine: original.engine,
            conditioned: sent !== request,
            ...(sent === request ? {} : { promptHash: sent.promptHash }),
          },
        };
    return {
      ...prediction,
      provenance,
      events: [event, ...prediction.events],
      followedControlInstructions:
        prediction.followedControlInstructions ?? followsControlInstructions(this.modelEngine),
    };
  }

  private assertOpen(): void {
    if (this.closed) throw new AgentWorldError('ENGINE_UNAVAILABLE', 'The hybrid engine is closed.');
  }
}

function positive(value: number, name: string): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new AgentWorldError('CONFIG_INVALID', `The hybrid engine's ${name} must be a positive number.`);
  }
  return value;
}

/** The text cut to at most `maxBytes` UTF-8 bytes (on a character boundary), with a label when cut. */
function boundBytes(text: string, maxBytes: number): { observation: string; cut: boolean } {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return { observation: text, cut: false };
  const label = `\n[agentworld: output cut at ${maxBytes} bytes]\n`;
  const bytes = Buffer.from(text, 'utf8').subarray(0, Math.max(0, maxBytes - Buffer.byteLength(label)));
  // A cut inside a multi-byte character decodes to U+FFFD: drop it.
  const kept = bytes.toString('utf8').replace(/\uFFFD$/, '');
  return { observation: `${kept}${label}`, cut: true };
}
