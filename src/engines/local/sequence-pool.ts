import { AgentWorldError } from '../../core/errors.js';
import type { LlamaSequenceLike } from './llama-runtime.js';

/** One llama.cpp sequence (its own KV cache) and whether a prediction is using it. */
export interface SequenceSlot {
  readonly sequence: LlamaSequenceLike;
  busy: boolean;
  lastUsed: number;
}

/** Length of the common prefix of two token lists. */
export function commonPrefixLength(a: readonly number[], b: readonly number[]): number {
  const limit = Math.min(a.length, b.length);
  let index = 0;
  while (index < limit && a[index] === b[index]) index++;
  return index;
}

/**
 * Hands out sequences to predictions, one prediction per sequence at a time. A prediction gets the free
 * sequence whose cached tokens share the longest prefix with its own (so a session usually gets its own cache
 * back), the least recently used one on a tie; when all are busy it waits its turn.
 */
export class SequencePool {
  private readonly slots: SequenceSlot[];
  private readonly waiting: Array<() => void> = [];
  private clock = 0;

  constructor(sequences: readonly LlamaSequenceLike[]) {
    this.slots = sequences.map((sequence) => ({ sequence, busy: false, lastUsed: 0 }));
  }

  private pick(tokens: readonly number[]): SequenceSlot | undefined {
    let best: SequenceSlot | undefined;
    let bestPrefix = -1;
    for (const slot of this.slots) {
      if (slot.busy) continue;
      const prefix = commonPrefixLength(slot.sequence.contextTokens, tokens);
      if (
        prefix > bestPrefix ||
        (prefix === bestPrefix && best !== undefined && slot.lastUsed < best.lastUsed)
      ) {
        best = slot;
        bestPrefix = prefix;
      }
    }
    return best;
  }

  async acquire(tokens: readonly number[], signal: AbortSignal | undefined): Promise<SequenceSlot> {
    for (;;) {
      if (signal?.aborted)
        throw new AgentWorldError('ABORTED', 'Aborted while waiting for a model sequence.');
      const slot = this.pick(tokens);
      if (slot !== undefined) {
        slot.busy = true;
        slot.lastUsed = ++this.clock;
        return slot;
      }
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          signal?.removeEventListener('abort', wake);
          const position = this.waiting.indexOf(wake);
          if (position >= 0) this.waiting.splice(position, 1);
          resolve();
        };
        this.waiting.push(wake);
        signal?.addEventListener('abort', wake, { once: true });
      });
    }
  }

  release(slot: SequenceSlot): void {
    slot.busy = false;
    this.waiting.shift()?.();
  }

  get size(): number {
    return this.slots.length;
  }
}
