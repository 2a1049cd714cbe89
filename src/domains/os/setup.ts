import { z } from 'zod';
import { AgentWorldError } from '../../core/errors.js';
import { issuesOf } from '../../core/validation.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { DESKTOP_TABLE_HEADER } from './accessibility-table.js';

export const DEFAULT_OS_SCREEN = { width: 1920, height: 1080 } as const;

/** What the os domain reads from `initialState.data`. */
export const OsInitialDataSchema = z
  .object({
    /** The screen in pixels (OSWorld's default VM is 1920x1080). */
    screen: z
      .object({ width: z.number().int().positive(), height: z.number().int().positive() })
      .default(DEFAULT_OS_SCREEN),
    /** The operating system shown to the world model, e.g. `Ubuntu 22.04 (GNOME)`. */
    system: z.string().min(1).default('Ubuntu 22.04 with the GNOME desktop'),
  })
  .loose();

export type OsInitialData = z.output<typeof OsInitialDataSchema>;

const cache = new WeakMap<WorldSpec, OsInitialData>();

/** The spec's os settings; INVALID_SPEC naming `$.initialState.data…` when they do not fit. */
export function readOsInitialData(spec: WorldSpec): OsInitialData {
  const cached = cache.get(spec);
  if (cached !== undefined) return cached;
  const result = OsInitialDataSchema.safeParse(spec.initialState.data);
  if (!result.success) {
    const issue = issuesOf(result.error)[0] ?? { path: '$', message: 'invalid' };
    const path = `$.initialState.data${issue.path.slice(1)}`;
    throw new AgentWorldError('INVALID_SPEC', `Invalid WorldSpec at ${path}: ${issue.message}`, {
      details: { path },
    });
  }
  cache.set(spec, result.data);
  return result.data;
}

/** The desktop before the first action: the spec's table, or an empty table (header only). */
export function osInitialObservation(spec: WorldSpec): string {
  const text = spec.initialState.text;
  return text === undefined || text.trim().length === 0 ? DESKTOP_TABLE_HEADER : text.replace(/\s+$/, '');
}
