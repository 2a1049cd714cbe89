import type { Engine, PredictRequest } from '../../core/engine.js';
import { contentHash } from '../../core/hash.js';
import { hashMessages } from '../../core/messages.js';

/**
 * The content address of one prediction: everything that decides the wrapped engine's answer — which engine,
 * its identity (model, sampling), the seed, the turn, and the exact messages (by their hash).
 */
export function cacheKeyOf(inner: Engine, request: PredictRequest): string {
  return contentHash({
    engine: inner.id,
    identity: inner.identity(),
    seed: request.seed,
    turnIndex: request.turnIndex,
    // The content hash of the exact messages, computed here rather than trusted from the request; the fast
    // message hash equals contentHash(messages) without re-sorting every message's keys.
    messages: hashMessages(request.messages),
  });
}
