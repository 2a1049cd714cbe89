import { contentHash } from '../../core/hash.js';
import type { WorldSpec } from '../../core/world-spec.js';

/**
 * How a request's spec is matched to a recording's: `id` compares domain and spec id (the default, tolerant
 * of edits that do not change the world, such as a reworded description); `content` also requires the whole
 * spec to be identical.
 */
export type SpecMatch = 'id' | 'content';

/** Computes spec keys, remembering the content hash of each spec object it has seen. */
export class SpecKeys {
  private readonly hashes = new WeakMap<WorldSpec, string>();

  constructor(readonly match: SpecMatch) {}

  keyOf(spec: WorldSpec): string {
    const base = `${spec.domain}\u0000${spec.id}`;
    if (this.match === 'id') return base;
    return `${base}\u0000${this.contentHashOf(spec)}`;
  }

  contentHashOf(spec: WorldSpec): string {
    let hash = this.hashes.get(spec);
    if (hash === undefined) {
      hash = contentHash(spec);
      this.hashes.set(spec, hash);
    }
    return hash;
  }
}
