import type { PredictRequest } from '../../core/engine.js';
import type { CheckResult, SessionEvent } from '../../core/turn.js';
import type { WindowedDecoder } from './windowed-decode.js';

/** What the model generated for one action (one or more decoded turns). */
export interface Generated {
  readonly observation: string;
  readonly events: SessionEvent[];
  /** Checks of the engine's own on the output (a runaway repetition's failing check). */
  readonly checks: CheckResult[];
  /** `repetition`: an output ran away repeating a short unit and was cut (see repetition-guard.ts). */
  readonly finishReason: 'stop' | 'length' | 'repetition';
  readonly minProbability: number;
  readonly promptTokens: number;
  readonly reusedTokens: number;
  readonly completionTokens: number;
}

/** How a simulator answers one action; the engine adds provenance, fallback and the unsupported policy. */
export type SimulationOutcome =
  | { readonly kind: 'generated'; readonly generated: Generated }
  /** Answered without the model (a terminal's wait or completion). */
  | { readonly kind: 'rendered'; readonly observation: string; readonly rendering: 'completion' | 'wait' }
  | {
      readonly kind: 'unsupported';
      /** Ends `… cannot simulate <reason>`. */
      readonly reason: string;
      /**
       * The labelled answer for `onUnsupported: 'observation'` (an observation saying nothing ran, and the
       * notice for the event); without one the action is always UNSUPPORTED (or the fallback's).
       */
      readonly labelled?: { readonly observation: string; readonly notice: string };
    };

/** The part of the local engine that knows one layout's domain: how history and action become turns. */
export interface DomainSimulator {
  /** The domain of the model's sessions; every other domain is unsupported. */
  readonly domain: string;
  /** How messages name the model: `terminal` (`the embedded terminal model`), `MCP`. */
  readonly modelName: string;
  /** What it simulates, for the reason given to other domains (`terminals`). */
  readonly simulates: string;
  simulate(
    request: PredictRequest,
    decoder: WindowedDecoder,
    signal: AbortSignal | undefined,
  ): Promise<SimulationOutcome>;
}
