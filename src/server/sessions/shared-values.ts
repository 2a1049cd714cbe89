import { createHash } from 'node:crypto';
import type { WorldSpec } from '../../core/world-spec.js';

/**
 * Hands out one shared copy of equal system prompts and WorldSpecs, so a thousand sessions of one world hold
 * one prompt and one spec between them instead of a thousand copies. Both are immutable values, so sharing
 * changes nothing but memory. Bounded: beyond `capacity` distinct values the oldest is forgotten (sessions
 * that hold it keep it; new ones get a fresh shared copy).
 */
export class SharedValues {
  private readonly prompts = new Map<string, string>();
  private readonly specs = new Map<string, WorldSpec>();

  constructor(private readonly capacity = 256) {}

  prompt(text: string): string {
    return remember(this.prompts, text, text, this.capacity);
  }

  spec(spec: WorldSpec): WorldSpec {
    const key = createHash('sha256').update(JSON.stringify(spec)).digest('base64url');
    return remember(this.specs, key, spec, this.capacity);
  }
}

function remember<T>(table: Map<string, T>, key: string, value: T, capacity: number): T {
  const known = table.get(key);
  if (known !== undefined) return known;
  table.set(key, value);
  if (table.size > capacity) {
    const oldest = table.keys().next().value;
    if (oldest !== undefined) table.delete(oldest);
  }
  return value;
}
