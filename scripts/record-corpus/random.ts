/**
 * A small seeded random source (mulberry32) so the scripted agents' tasks are the same on every run: the corpus
 * changes only where the real tools answer differently.
 */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let value = this.state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [low, high]. */
  integer(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** `count` distinct items, in a random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    const pool = [...items];
    const chosen: T[] = [];
    while (chosen.length < count && pool.length > 0) {
      const [item] = pool.splice(Math.floor(this.next() * pool.length), 1);
      if (item !== undefined) chosen.push(item);
    }
    return chosen;
  }
}

/** Plain words the tasks draw names and contents from. */
export const WORDS = [
  'alpha',
  'amber',
  'apple',
  'arrow',
  'basil',
  'birch',
  'cedar',
  'cobalt',
  'comet',
  'coral',
  'delta',
  'ember',
  'falcon',
  'fern',
  'garnet',
  'glacier',
  'harbor',
  'hazel',
  'indigo',
  'iris',
  'jade',
  'juniper',
  'kelp',
  'lark',
  'lemon',
  'linen',
  'maple',
  'meadow',
  'nectar',
  'nova',
  'oak',
  'olive',
  'onyx',
  'orbit',
  'pebble',
  'pine',
  'quartz',
  'quill',
  'raven',
  'river',
  'saffron',
  'sage',
  'slate',
  'tango',
  'thistle',
  'topaz',
  'umber',
  'velvet',
  'willow',
  'yarrow',
  'zephyr',
  'zinc',
] as const;

/** A 32-bit seed from a name (FNV-1a), so adding a task family leaves the other families' sessions as they were. */
export function hashSeed(name: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < name.length; index++) {
    hash ^= name.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** The seeded random source of one named session. */
export function randomFor(name: string): SeededRandom {
  return new SeededRandom(hashSeed(name));
}
