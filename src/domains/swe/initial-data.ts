import { z } from 'zod';
import { parseWith } from '../../core/validation.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { type SweDialect, sweDialectOf } from './dialects/index.js';

/** What the swe domain reads from `initialState.data`. */
export const SweInitialDataSchema = z
  .object({
    /** The agent's working folder (the repository root). */
    cwd: z.string().startsWith('/').optional(),
    /** Files whose exact content is known at the start, by absolute path. */
    files: z.record(z.string(), z.string()).default({}),
  })
  .loose();
export type SweInitialData = z.infer<typeof SweInitialDataSchema>;

/** Where each dialect's agent starts when the spec does not say. */
export function defaultSweCwd(dialect: SweDialect): string {
  return dialect === 'mini-swe-agent' || dialect === 'swe-agent' ? '/testbed' : '/home/dev/project';
}

export function readSweInitialData(spec: WorldSpec): SweInitialData & { cwd: string } {
  const data = parseWith(
    SweInitialDataSchema,
    spec.initialState.data,
    'INVALID_SPEC',
    'WorldSpec initialState.data',
  );
  return { ...data, cwd: data.cwd ?? defaultSweCwd(sweDialectOf(spec)) };
}
