import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** The file name of shard `shard` inside an output directory. */
export function shardFileName(shard: number): string {
  return `shard-${shard}.jsonl`;
}

/**
 * Appends one JSON line per finished session to `DIR/shard-<k>.jsonl`, in session order even when sessions
 * finish out of order (each slot is written once every earlier slot is known). Each line is written with one
 * write call as soon as it can be, so a reader may follow the file while it grows (a reader should only take
 * lines that end in a newline).
 */
export class OrderedShardWriter {
  readonly path: string;
  private readonly descriptor: number;
  private readonly pending = new Map<number, string | null>();
  private nextSlot = 0;

  constructor(directory: string, shard: number) {
    mkdirSync(directory, { recursive: true });
    this.path = join(directory, shardFileName(shard));
    this.descriptor = openSync(this.path, 'w');
  }

  /** Records slot `slot` (0, 1, 2 … in the order sessions were started): a JSON line, or null for a dropped one. */
  put(slot: number, line: string | null): void {
    this.pending.set(slot, line);
    for (;;) {
      if (!this.pending.has(this.nextSlot)) return;
      const ready = this.pending.get(this.nextSlot);
      this.pending.delete(this.nextSlot);
      this.nextSlot += 1;
      if (ready !== null && ready !== undefined) writeSync(this.descriptor, `${ready}\n`);
    }
  }

  close(): void {
    closeSync(this.descriptor);
  }
}
