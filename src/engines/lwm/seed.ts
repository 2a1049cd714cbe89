import { sha256 } from '../../core/hash.js';

/**
 * The `seed` sent to the model server for one call, derived only from the session seed and the turn, so the
 * same session seed and history reproduce the same sampling (on servers that honour seeds, such as vLLM).
 *
 * Formula: the first 8 hex digits of `sha256("agentworld-lwm:<sessionSeed>:<turnIndex>")`, read as an unsigned
 * 32-bit integer and masked to 31 bits (0 … 2^31−1, accepted by every OpenAI-compatible server). When a bad
 * answer is sampled again (`resample` ≥ 1) the text becomes `"agentworld-lwm:<sessionSeed>:<turnIndex>:<resample>"`,
 * so the retry does not reproduce the same bad sample; transport retries keep the original seed.
 */
export function deriveSamplingSeed(sessionSeed: number, turnIndex: number, resample = 0): number {
  const text =
    resample === 0
      ? `agentworld-lwm:${sessionSeed}:${turnIndex}`
      : `agentworld-lwm:${sessionSeed}:${turnIndex}:${resample}`;
  return Number.parseInt(sha256(text).slice(0, 8), 16) & 0x7fffffff;
}
