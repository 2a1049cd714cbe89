import type { CallOptions } from '../../core/abort.js';
import type { Engine } from '../../core/engine.js';
import type { DomainId, WorldSpec } from '../../core/world-spec.js';
import type { RealEngineOptions } from '../../engines/real/index.js';
import type { VerifierResult, VerifyContext } from '../scoring.js';
import type { VerifierSpec, VerifierType } from '../task-schema.js';

/** The LLM judge rubric verifiers call: an OpenAI-compatible endpoint. */
export interface JudgeSettings {
  readonly baseURL: string;
  readonly apiKey?: string | undefined;
  /** Default model (a rubric's own `model` wins). */
  readonly model?: string | undefined;
  /** Attempts at a parseable reply (default 3). */
  readonly attempts?: number | undefined;
  /** Retries of a failed HTTP request inside the client (default 2). */
  readonly maxRetries?: number | undefined;
  readonly timeoutMs?: number | undefined;
}

/** What verifiers need besides the episode: the judge, and how to build a real engine for real-check. */
export interface VerifierOptions extends CallOptions {
  readonly judge?: JudgeSettings | undefined;
  readonly real?: RealEngineOptions | undefined;
  /** Builds the real engine of a domain (default `createRealEngine`); the verifier closes it. */
  readonly createRealEngine?: ((domain: DomainId) => Engine) | undefined;
}

/** One verifier type: which domains can evaluate it, a load-time check, and the evaluation. */
export interface Verifier<S extends VerifierSpec = VerifierSpec> {
  readonly type: VerifierType;
  /** The domains whose ledger, trajectory or real engine this verifier can read. */
  readonly domains: readonly DomainId[];
  /** Why this verifier cannot be evaluated on this spec (a bad regex, a missing field), or undefined. */
  problem?(verifier: S, spec: WorldSpec): string | undefined;
  verify(verifier: S, context: VerifyContext, options: VerifierOptions): Promise<VerifierResult>;
}

export function result(
  verifier: VerifierSpec,
  score: number,
  detail: string,
  extra: Partial<VerifierResult> = {},
): VerifierResult {
  return { type: verifier.type, score, passed: score >= 1, detail, weight: verifier.weight, ...extra };
}

/** The error of a regex that does not compile, or undefined. */
export function regexProblem(field: string, source: string | undefined): string | undefined {
  if (source === undefined) return undefined;
  try {
    new RegExp(source);
    return undefined;
  } catch (error) {
    return `${field} is not a valid regular expression: ${(error as Error).message}`;
  }
}

export function quote(text: string, limit = 120): string {
  const cut = text.length > limit ? `${text.slice(0, limit)}…` : text;
  return JSON.stringify(cut);
}
