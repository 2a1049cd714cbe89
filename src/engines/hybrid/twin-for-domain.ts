import { AgentWorldError } from '../../core/errors.js';
import type { Twin } from '../../twins/twin.js';

/**
 * The domains that have a twin (a deterministic stand-in; see src/twins), so the hybrid engine can simulate them.
 * The mcp twin is server-memory's (src/twins/mcp-memory): it declines every turn of another mcp server, which the
 * hybrid's model side then answers.
 */
export const TWIN_DOMAINS = ['terminal', 'mcp'] as const;

/** Whether a domain has a twin. */
export function hasTwin(domain: string): boolean {
  return (TWIN_DOMAINS as readonly string[]).includes(domain);
}

/** The clear refusal for a world whose domain has no twin. */
export function noTwinError(domain: string): AgentWorldError {
  return new AgentWorldError(
    'CONFIG_INVALID',
    `The hybrid engine needs a twin of the world's domain, and ${domain} has none (twins exist for: ${TWIN_DOMAINS.join(', ')}). Use --engine lwm or local for this world.`,
    { details: { domain, twinDomains: [...TWIN_DOMAINS] } },
  );
}

/** A new twin of a domain (loaded only when asked for); CONFIG_INVALID for a domain without one. */
export async function createTwinFor(domain: string): Promise<Twin> {
  if (domain === 'terminal') {
    const { createTerminalTwin } = await import('../../twins/terminal/index.js');
    return createTerminalTwin();
  }
  if (domain === 'mcp') {
    const { createMemoryServerTwin } = await import('../../twins/mcp-memory/index.js');
    return createMemoryServerTwin();
  }
  throw noTwinError(domain);
}
