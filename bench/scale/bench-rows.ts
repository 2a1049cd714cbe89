/** The bench rows of the queue benchmark: two-turn terminal rows, each row's prompt naming its id. */
import { writeFileSync } from 'node:fs';
import type { BenchRow } from '../../src/fidelity/schemas.js';

function benchRow(id: number): BenchRow {
  return {
    task: 'terminal',
    id,
    prompt: [`### Turn 1\nrow ${id} first`, `### Turn 2\nrow ${id} second`],
    response: [`**Environment Observation:**\nfirst ${id}`, `**Environment Observation:**\nsecond ${id}`],
    current_prompt: `### Turn 2\nrow ${id} second`,
    system_str: 'You simulate a Linux terminal.',
    turn_idx: 2,
    total_turns: 2,
  };
}

/** Writes `count` rows as JSONL to `path` and returns it. */
export function writeBenchRows(path: string, count: number): string {
  writeFileSync(
    path,
    Array.from({ length: count }, (_, index) => `${JSON.stringify(benchRow(index + 1))}\n`).join(''),
  );
  return path;
}
