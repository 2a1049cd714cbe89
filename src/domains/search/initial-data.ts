import { z } from 'zod';
import { parseWith } from '../../core/validation.js';
import type { WorldSpec } from '../../core/world-spec.js';

export const DEFAULT_RESULTS_PER_QUERY = 10;

/**
 * The keys of `initialState.data` a search world reads. Other keys are left alone (a spec may carry data for
 * other tools).
 * - `currentDate` (YYYY-MM-DD): "today" in the simulated web; nothing is dated later.
 * - `memory`: what `dict_memory` holds before the first action.
 * - `resultsPerQuery` (default 10): results each `web_search` query returns.
 * - `completionTools`: tool names whose call ends the episode (e.g. a user tool that submits the answer).
 */
export const SearchInitialDataSchema = z
  .object({
    currentDate: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected a date written YYYY-MM-DD')
      .optional(),
    memory: z.record(z.string(), z.unknown()).optional(),
    resultsPerQuery: z.number().int().min(1).max(100).optional(),
    completionTools: z.array(z.string().min(1)).optional(),
  })
  .loose();

export interface SearchInitialData {
  readonly currentDate?: string;
  readonly memory: Readonly<Record<string, unknown>>;
  readonly resultsPerQuery: number;
  readonly completionTools: readonly string[];
}

const WrappedSchema = z.object({ initialState: z.object({ data: SearchInitialDataSchema }) });

/** Validates the search keys of `initialState.data`; INVALID_SPEC at `$.initialState.data.<key>` when wrong. */
export function parseSearchInitialData(spec: WorldSpec): SearchInitialData {
  const parsed = parseWith(
    WrappedSchema,
    { initialState: { data: spec.initialState.data } },
    'INVALID_SPEC',
    'WorldSpec',
  );
  return withDefaults(parsed.initialState.data);
}

/** Like `parseSearchInitialData`, but never throws: invalid keys fall back to their defaults. */
export function readSearchInitialData(spec: WorldSpec): SearchInitialData {
  const parsed = SearchInitialDataSchema.safeParse(spec.initialState.data);
  return withDefaults(parsed.success ? parsed.data : {});
}

function withDefaults(data: z.infer<typeof SearchInitialDataSchema>): SearchInitialData {
  return {
    ...(data.currentDate === undefined ? {} : { currentDate: data.currentDate }),
    memory: data.memory ?? {},
    resultsPerQuery: data.resultsPerQuery ?? DEFAULT_RESULTS_PER_QUERY,
    completionTools: data.completionTools ?? [],
  };
}
