/** The bench rows of the queue benchmark: two-turn terminal rows (test/helpers/bench-rows.ts), each naming its id. */
import { writeBenchRows as writeRows } from '../../test/helpers/bench-rows.js';

/** Writes `count` rows as JSONL to `path` and returns it. */
export function writeBenchRows(path: string, count: number): string {
  return writeRows(path, count, { task: 'terminal', system_str: 'You simulate a Linux terminal.' });
}
