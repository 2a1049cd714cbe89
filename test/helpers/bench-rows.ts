/** Bench rows for tests: two-turn rows whose prompts name their id, so a scripted model can answer each by id. */
import { writeFileSync } from 'node:fs';
import type { BenchRow } from '../../src/fidelity/schemas.js';

/** Row `id`: even ids are web rows, odd ids terminal rows; `overrides` replaces fields of every row. */
export function benchRow(id: number, overrides: Partial<BenchRow> = {}): BenchRow {
  return {
    task: id % 2 === 0 ? 'web' : 'terminal',
    id,
    prompt: [`### Turn 1\nrow ${id} first`, `### Turn 2\nrow ${id} second`],
    response: [`**Environment Observation:**\nfirst ${id}`, `**Environment Observation:**\nsecond ${id}`],
    current_prompt: `### Turn 2\nrow ${id} second`,
    system_str: 'system',
    turn_idx: 2,
    total_turns: 2,
    ...overrides,
  };
}

/** Writes rows 1..count (with `overrides`) as JSONL to `path` and returns it. */
export function writeBenchRows(path: string, count: number, overrides: Partial<BenchRow> = {}): string {
  writeFileSync(
    path,
    Array.from({ length: count }, (_, index) => `${JSON.stringify(benchRow(index + 1, overrides))}\n`).join(
      '',
    ),
  );
  return path;
}

/** The row id a request is about (its last message names it). */
export function rowIdOf(messages: readonly { content: string }[]): number {
  const last = messages[messages.length - 1]?.content ?? '';
  return Number(/row (\d+)/.exec(last)?.[1] ?? -1);
}
