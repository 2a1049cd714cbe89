import type { CallOptions } from './abort.js';
import type { ChatMessage } from './messages.js';
import type { CheckResult, Provenance, SessionEvent, ShadowComparison, Turn, Usage } from './turn.js';
import type { WorldSpec } from './world-spec.js';

export type EngineKind = 'model' | 'recorded' | 'real';

/** Everything an engine may use to produce the observation of one turn. */
export interface PredictRequest {
  readonly spec: WorldSpec;
  readonly sessionId: string;
  readonly seed: number;
  /** 1-based index of the turn being predicted. */
  readonly turnIndex: number;
  /** The validated action of this turn. */
  readonly action: unknown;
  /** The exact messages a world model receives for this turn. */
  readonly messages: readonly ChatMessage[];
  /** sha256 of the canonical JSON of `messages`. */
  readonly promptHash: string;
  /**
   * `messages` as JSON text (an array of `{content, role}` objects), kept by the session so engines that send
   * the messages over HTTP need not encode the whole history again on every step. Optional for callers.
   */
  readonly messagesJson?: string | undefined;
  /** Earlier turns of this session (oldest first). */
  readonly history: readonly Turn[];
}

export interface Prediction {
  readonly observation: string;
  readonly provenance: Provenance;
  readonly events: readonly SessionEvent[];
  readonly usage?: Usage;
  readonly reasoning?: string;
  readonly finishReason?: string;
  /**
   * Whether the model that produced this observation followed the turn's control instructions; absent, the
   * engine's declaration (`followsControlInstructions`) holds. Set by an engine whose answers come from more
   * than one model (a local engine's fallback, a router), so the session renders exactly the turns that need it.
   */
  readonly followedControlInstructions?: boolean | undefined;
  /**
   * Checks the engine ran on its own output (the local engine's runaway-repetition check), added to the turn's
   * checks beside the domain's; a failed one is labelled like any failed check.
   */
  readonly checks?: readonly CheckResult[];
  /** The real tool's own result, when it carries more than the observation text (see Turn.rawResult). */
  readonly rawResult?: Record<string, unknown>;
  /** A simulator's answer to the same request compared with this one (set by the shadow engine; see Turn.shadow). */
  readonly shadow?: ShadowComparison;
}

/**
 * Produces observations. Implementations: `lwm` (an OpenAI-compatible world model), `replay` (recorded
 * trajectories), and wrappers such as `cache`. Infra failures are thrown as AgentWorldErrors, never returned
 * as observations.
 */
export interface Engine {
  /** Short engine name recorded in provenance, e.g. `lwm`, `replay`, `cache`. */
  readonly id: string;
  /**
   * `model` engines follow control instructions; `recorded` and `real` ones cannot, so the session applies each
   * injected perturbation's deterministic rendering to their observations. Default `model`.
   */
  readonly kind?: EngineKind | undefined;
  /**
   * Whether the engine's world model obeys the control instructions in its prompt (perturbations, world
   * facts). Default: true for `model` engines, false for `recorded` and `real` ones. A `model` engine that
   * cannot (an embedded model trained without control instructions) says false, and the session applies each
   * injected perturbation's deterministic rendering to its observations, as for `replay`.
   */
  readonly followsControlInstructions?: boolean | undefined;
  /** The model id, for engines that call one. */
  readonly model?: string | undefined;
  /** Everything besides the messages that decides the output (model, sampling); part of cache keys. */
  identity(): Record<string, unknown>;
  /**
   * Gets ready to simulate a spec, before a session of it takes its first step (a server calls it at reset):
   * an engine that cannot simulate the spec throws here, so the reset fails rather than every step. Optional.
   */
  prepare?(spec: WorldSpec, options?: CallOptions): Promise<void>;
  /**
   * Frees what the engine holds for one session (a real engine's sandbox or server process); the session calls it
   * when it closes. The recorded turns are untouched: a later step of the same id starts afresh from its history.
   * Optional; `close()` frees whatever is left.
   */
  releaseSession?(sessionId: string): Promise<void>;
  predict(request: PredictRequest, options?: CallOptions): Promise<Prediction>;
  close(): Promise<void>;
}

/** Whether an engine's observations follow control instructions (see `Engine.followsControlInstructions`). */
export function followsControlInstructions(
  engine: Pick<Engine, 'kind' | 'followsControlInstructions'>,
): boolean {
  return engine.followsControlInstructions ?? (engine.kind ?? 'model') === 'model';
}
