import type { Engine, PredictRequest } from '../../core/engine.js';
import { contentHash } from '../../core/hash.js';

/**
 * The content address of one prediction: everything that decides the wrapped engine's answer — which engine,
 * its identity (model, sampling), the seed, the turn, and the exact messages.
 */
export function cacheKeyOf(inner: Engine, request: PredictRequest): string {
  return contentHash({
    engine: inner.id,
    identity: inner.identity(),
    seed: request.seed,
    turnIndex: request.turnIndex,
    messages: request.messages,
  });
}
