import type { GenerationConfidence, JudgeFreeMetrics } from '../schemas.js';

/** One prediction scored against its real observation, from a shadow session or an infer line. */
export interface ScoredTurn {
  /** Where it came from: `shadow` (a session's shadow comparison) or `infer` (a bench infer line). */
  readonly source: 'shadow' | 'infer';
  readonly domain: string;
  /** `sessionId:turn` for a shadow turn, the row key for an infer line. */
  readonly key: string;
  /** The command family (shell command word, tool name, GUI action type), where known. */
  readonly family?: string | undefined;
  /** Absent when the engine gave no prediction (a failed shadow, a failed infer row). */
  readonly metrics?: JudgeFreeMetrics | undefined;
  readonly confidence?: GenerationConfidence | undefined;
}
