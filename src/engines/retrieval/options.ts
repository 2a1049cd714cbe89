import { z } from 'zod';
import { parseWith } from '../../core/validation.js';

/** Default byte budgets of one turn's demonstrations, by how they reach the model. */
export const DEFAULT_MESSAGES_DEMONSTRATION_BYTES = 2048;
export const DEFAULT_TERMINAL_TURNS_DEMONSTRATION_BYTES = 768;

/** Most demonstrations a turn may be given (each costs prompt space; the embedded models' context is 2,048 bytes). */
export const MAX_RETRIEVAL_K = 16;

/**
 * Options of retrieval from recorded real sessions: how many demonstrations a turn gets, where the recordings
 * are, and how much prompt space the demonstrations may take.
 */
export const RetrievalOptionsSchema = z.object({
  /** Demonstrations per turn: the k most similar recorded transitions of the same domain and dialect. */
  k: z.number().int().min(1).max(MAX_RETRIEVAL_K).default(3),
  /**
   * Recorded sessions to retrieve from: session files (`.jsonl`, `.jsonl.gz`, as `agentworld record --out`
   * writes them), folders of such files, or a corpus folder with a `manifest.json` (`corpus/real`).
   */
  corpusPaths: z.array(z.string().min(1)).min(1),
  /**
   * Most UTF-8 bytes all demonstrations of one turn may add (the rendered block for `lwm`, the layout turns for
   * `local`); a demonstration that does not fit is left out, a long observation is cut first. Default 2,048 for a
   * model that reads messages, 768 for the embedded terminal model (its whole context is 2,048 bytes, which its
   * session's own history needs too).
   */
  maxDemonstrationBytes: z.number().int().min(64).max(1_000_000).optional(),
  /** Most UTF-8 bytes of one demonstration's observation; a longer one is cut at a line end (default 600). */
  maxObservationBytes: z.number().int().min(16).max(1_000_000).default(600),
});
export type RetrievalOptions = z.infer<typeof RetrievalOptionsSchema>;
export type RetrievalOptionsInput = z.input<typeof RetrievalOptionsSchema>;

/** Validates retrieval options (CONFIG_INVALID naming the bad field). */
export function parseRetrievalOptions(input: RetrievalOptionsInput): RetrievalOptions {
  return parseWith(RetrievalOptionsSchema, input, 'CONFIG_INVALID', 'retrieval options');
}
