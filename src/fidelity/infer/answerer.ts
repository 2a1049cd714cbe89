import type { CallOptions } from '../../core/abort.js';
import type { Provenance, Usage } from '../../core/turn.js';
import type { BenchRow } from '../schemas.js';

export interface BenchMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/** One token's log-probability as the server returned it. */
export interface TokenLogprob {
  readonly token: string;
  readonly logprob: number;
}

/** One generation as the server sent it, before extraction. */
export interface RawGeneration {
  /** `message.content` (`""` when the server sent none, as the reference reads it). */
  readonly content: string;
  readonly reasoning?: string;
  readonly finishReason?: string;
  readonly usage?: Usage;
  /** A hybrid engine's answering side (its provenance's `answeredBy`). */
  readonly answeredBy?: Provenance['answeredBy'];
  /** Per-token log-probabilities of `content`, when asked for and returned. */
  readonly logprobs?: readonly TokenLogprob[];
}

/**
 * What answers bench rows: one attempt per call (the runner retries, times out and limits concurrency). It
 * throws on failure; the runner classifies the error with the lwm engine's `classifyModelCallFailure`.
 */
export interface RowAnswerer {
  /** What goes into the run manifest's `model`: engine, name and every parameter that changes answers. */
  readonly manifest: {
    readonly engine: string;
    readonly name: string;
    readonly baseUrl?: string;
    readonly parameters: Record<string, unknown>;
  };
  answer(row: BenchRow, messages: readonly BenchMessage[], options: CallOptions): Promise<RawGeneration>;
  /** Warnings worth printing once (e.g. a request parameter adapted to the server). */
  notices(): readonly string[];
  /** Frees what the answerer holds (an embedded model); its creator calls it once the run is over. */
  close?(): Promise<void>;
}
