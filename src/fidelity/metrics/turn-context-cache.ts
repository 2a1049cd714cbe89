import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { canonicalJson } from '../../core/hash.js';
import type { WorldSpec } from '../../core/world-spec.js';
import type { BenchRow } from '../schemas.js';

/** A prefix whose ledger could not be folded: every longer prefix fails the same way. */
const FOLD_FAILED = Symbol('fold failed');

/** What a prefix key holds: the ledger after those turns, or the mark of a fold that threw. */
export type CachedLedger = { readonly ledger: unknown } | typeof FOLD_FAILED;

export interface TurnContextCacheLimits {
  /** Most ledgers (and, separately, specs) held. */
  readonly maxEntries: number;
  /**
   * Most characters held, each ledger counted as the characters of the turns it was folded from (prompts and
   * responses, an upper bound in practice: a ledger keeps a part of what its observations showed).
   */
  readonly maxCharacters: number;
}

export const DEFAULT_TURN_CONTEXT_CACHE_LIMITS: TurnContextCacheLimits = {
  maxEntries: 256,
  maxCharacters: 64_000_000,
};

/**
 * What rebuilding a row's turn context can reuse between the rows of one trajectory (bounded, least recently used
 * out first): each rebuilt spec by its canonical input, and each folded ledger by a key over its turn prefix —
 * the domain, the spec, and the row's `prompt[0..k)` and `response[0..k)` texts hashed — so a row at turn k+1
 * resumes from the row at turn k's ledger instead of folding from the first turn. Domains are pure functions and
 * ledgers immutable values (src/core/domain.ts), so a cached ledger equals the one a fresh fold would give.
 */
export class TurnContextCache {
  private readonly ledgers: LRUCache<string, { readonly entry: CachedLedger }>;
  private readonly specs: LRUCache<string, { readonly spec: WorldSpec | undefined }>;

  constructor(readonly limits: TurnContextCacheLimits = DEFAULT_TURN_CONTEXT_CACHE_LIMITS) {
    this.ledgers = new LRUCache({ max: limits.maxEntries, maxSize: limits.maxCharacters });
    this.specs = new LRUCache({ max: limits.maxEntries, maxSize: limits.maxCharacters });
  }

  /** Ledgers held. */
  get size(): number {
    return this.ledgers.size;
  }

  /** The spec parsed from a spec input (undefined when it does not parse), parsed once per distinct input. */
  spec(input: unknown, parse: (input: unknown) => WorldSpec | undefined): WorldSpec | undefined {
    const key = canonicalJson(input);
    const known = this.specs.get(key);
    if (known !== undefined) return known.spec;
    const spec = parse(input);
    if (key.length <= this.limits.maxCharacters) {
      this.specs.set(key, { spec }, { size: Math.max(1, key.length) });
    }
    return spec;
  }

  /**
   * The keys of a row's turn prefixes under one spec: `keys[j]` names the ledger after the first j turns, for j
   * from 0 to `turns`; `characters[j]` is how much text that prefix holds.
   */
  prefixKeys(row: BenchRow, spec: WorldSpec, turns: number): { keys: string[]; characters: number[] } {
    const hash = createHash('sha256');
    const head = JSON.stringify([row.task, row.id, canonicalJson(spec)]);
    hash.update(head);
    const keys = [hash.copy().digest('base64')];
    const characters = [head.length];
    let total = head.length;
    for (let index = 0; index < turns; index++) {
      const prompt = row.prompt[index] ?? '';
      const response = row.response[index] ?? '';
      hash.update(`\n${prompt.length}:${response.length}\n`).update(prompt).update(response);
      keys.push(hash.copy().digest('base64'));
      total += prompt.length + response.length;
      characters.push(total);
    }
    return { keys, characters };
  }

  get(key: string): CachedLedger | undefined {
    return this.ledgers.get(key)?.entry;
  }

  /** Holds the ledger after a prefix of `characters` characters (unless it alone is over the limit). */
  setLedger(key: string, ledger: unknown, characters: number): void {
    if (characters > this.limits.maxCharacters) return;
    this.ledgers.set(key, { entry: { ledger } }, { size: Math.max(1, characters) });
  }

  /** Marks a prefix whose fold threw. */
  setFailed(key: string): void {
    this.ledgers.set(key, { entry: FOLD_FAILED }, { size: 1 });
  }

  static isFailed(entry: CachedLedger): entry is typeof FOLD_FAILED {
    return entry === FOLD_FAILED;
  }

  clear(): void {
    this.ledgers.clear();
    this.specs.clear();
  }
}

/** The cache `judgeFreeMetrics` and `rowTurnContext` use unless given another (or none). */
export const SHARED_TURN_CONTEXT_CACHE = new TurnContextCache();
