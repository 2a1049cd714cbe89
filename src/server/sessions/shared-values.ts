import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { WorldSpec } from '../../core/world-spec.js';

/** How much SharedValues keeps in each of its two tables (prompts, specs). */
export interface SharedValuesLimits {
  /** Most distinct values per table (default 256). */
  readonly maxValues: number;
  /**
   * Most characters per table (default 4 Mi): a prompt counts its length, a spec the length of its JSON. A value
   * longer than this alone is handed back unshared.
   */
  readonly maxCharacters: number;
}

export const DEFAULT_SHARED_VALUES_LIMITS: SharedValuesLimits = {
  maxValues: 256,
  maxCharacters: 4 * 1024 * 1024,
};

/**
 * Hands out one shared copy of equal system prompts and WorldSpecs, so a thousand sessions of one world hold
 * one prompt and one spec between them instead of a thousand copies. Both are immutable values, so sharing
 * changes nothing but memory.
 *
 * A bounded cache: it outlives the sessions, so what it keeps after every session closed is at most
 * `maxValues` values and `maxCharacters` characters per table (by default 256 and 4 Mi: a few MiB of prompt
 * text and spec objects, whatever the number of sessions or of distinct inline specs clients send). Beyond
 * either, the least recently handed out value is forgotten (sessions that hold it keep it; new ones get a fresh
 * shared copy).
 */
export class SharedValues {
  private readonly prompts: LruTable<string>;
  private readonly specs: LruTable<WorldSpec>;

  constructor(limits: Partial<SharedValuesLimits> = {}) {
    const { maxValues, maxCharacters } = { ...DEFAULT_SHARED_VALUES_LIMITS, ...limits };
    this.prompts = new LruTable(maxValues, maxCharacters);
    this.specs = new LruTable(maxValues, maxCharacters);
  }

  /** Values and characters held now, both tables together. */
  get size(): { readonly values: number; readonly characters: number } {
    return {
      values: this.prompts.size + this.specs.size,
      characters: this.prompts.characters + this.specs.characters,
    };
  }

  prompt(text: string): string {
    return this.prompts.share(text, text, text.length);
  }

  spec(spec: WorldSpec): WorldSpec {
    const json = JSON.stringify(spec);
    const key = createHash('sha256').update(json).digest('base64url');
    return this.specs.share(key, spec, json.length);
  }
}

/** Values by key within a number of values and a number of characters, least recently used out first. */
class LruTable<T extends object | string> {
  private readonly cache: LRUCache<string, { readonly value: T }>;

  constructor(
    maxValues: number,
    private readonly maxCharacters: number,
  ) {
    this.cache = new LRUCache({ max: maxValues, maxSize: maxCharacters });
  }

  get size(): number {
    return this.cache.size;
  }

  get characters(): number {
    return this.cache.calculatedSize;
  }

  /** The value already held under `key` (now the most recently used), else `value`, held when it fits. */
  share(key: string, value: T, characters: number): T {
    const known = this.cache.get(key);
    if (known !== undefined) return known.value;
    if (characters > this.maxCharacters) return value;
    this.cache.set(key, { value }, { size: Math.max(1, characters) });
    return value;
  }
}
