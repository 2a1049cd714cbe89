import { z } from 'zod';
import { AgentWorldError } from '../../core/errors.js';
import { issuesOf } from '../../core/validation.js';
import type { WorldSpec } from '../../core/world-spec.js';

/**
 * The keys of `initialState.data` the mcp domain reads. Other keys are left alone (other modules may use them).
 */
export const McpInitialDataSchema = z
  .object({
    /** The server's name as the agent's client knows it; shown in the first observation and the prompt. */
    serverName: z.string().min(1).max(200).optional(),
    /** The server's version and title in the initialize handshake (a mirror copies the real server's). */
    serverVersion: z.string().min(1).max(200).optional(),
    serverTitle: z.string().min(1).max(200).optional(),
    /** The server's `instructions` in the initialize handshake, as the real server sends them. */
    serverInstructions: z.string().min(1).max(20_000).optional(),
    /** Ids or names of resources that exist before the first call (seeds the ledger). */
    resourceIds: z.array(z.string().min(1)).max(10_000).optional(),
    /** Hidden server state the world model must honour (database rows, permissions, service health …). */
    serverState: z.record(z.string(), z.unknown()).optional(),
    /** Tools whose call ends the episode (for example a `claim_done` tool). */
    completionTools: z.array(z.string().min(1)).optional(),
  })
  .loose();
export type McpInitialData = z.infer<typeof McpInitialDataSchema>;

const cache = new WeakMap<object, McpInitialData>();

/** Reads and validates the mcp keys of `spec.initialState.data`; INVALID_SPEC names the bad key's path. */
export function readMcpInitialData(spec: WorldSpec): McpInitialData {
  const data = spec.initialState.data;
  const cached = cache.get(data);
  if (cached !== undefined) return cached;
  const result = McpInitialDataSchema.safeParse(data);
  if (!result.success) {
    const issues = issuesOf(result.error).map((issue) => ({
      path: `$.initialState.data${issue.path.slice(1)}`,
      message: issue.message,
    }));
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    throw new AgentWorldError(
      'INVALID_SPEC',
      `Invalid WorldSpec at ${first?.path ?? '$.initialState.data'}: ${first?.message ?? 'invalid'}${more}`,
      { details: { path: first?.path, issues } },
    );
  }
  cache.set(data, result.data);
  return result.data;
}
