import type { Engine } from '../../core/engine.js';
import type { ReplicaHealthSnapshot } from './replica-pool.js';

/** The fields wrappers keep their model engine in: `inner` (cache, retrieval), `modelEngine` (hybrid). */
const WRAPPED_ENGINE_FIELDS = ['inner', 'modelEngine'] as const;

function isEngine(value: unknown): value is Engine {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { predict?: unknown }).predict === 'function'
  );
}

/**
 * The replica health of the `lwm` engine inside `engine` (itself, or wrapped in the cache, retrieval or hybrid
 * engine); undefined when there is none. What a server's `/health` reports beside its store and queue.
 */
export function replicaHealthOf(engine: Engine): ReplicaHealthSnapshot | undefined {
  const seen = new Set<Engine>();
  let current: Engine | undefined = engine;
  while (current !== undefined && !seen.has(current)) {
    seen.add(current);
    const own = (current as { replicaHealth?: unknown }).replicaHealth;
    if (typeof own === 'function') return (own as () => ReplicaHealthSnapshot).call(current);
    const fields = current as unknown as Record<string, unknown>;
    current = WRAPPED_ENGINE_FIELDS.map((field) => fields[field]).find(isEngine);
  }
  return undefined;
}
