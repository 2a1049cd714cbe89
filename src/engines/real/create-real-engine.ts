import type { Engine } from '../../core/engine.js';
import { AgentWorldError } from '../../core/errors.js';
import type { DomainId } from '../../core/world-spec.js';
import { createRealMcpEngine, type RealMcpEngineOptions } from './mcp/index.js';
import { RealSweEngine, type RealSweEngineOptions } from './swe/index.js';
import { createRealTerminalEngine, type RealTerminalEngineOptions } from './terminal/index.js';

/** The domains with a real executor here; android, os, web and search have none in this folder. */
export const REAL_ENGINE_DOMAINS = ['terminal', 'mcp', 'swe'] as const;

export interface RealEngineOptions {
  readonly terminal?: RealTerminalEngineOptions | undefined;
  readonly mcp?: RealMcpEngineOptions | undefined;
  readonly swe?: RealSweEngineOptions | undefined;
}

/**
 * The real engine of a domain: bash in bubblewrap for `terminal`, a real MCP server for `mcp`, a git repository
 * in bubblewrap with each harness's tools for `swe`.
 */
export function createRealEngine(domain: DomainId, options: RealEngineOptions = {}): Engine {
  if (domain === 'terminal') return createRealTerminalEngine(options.terminal);
  if (domain === 'mcp') return createRealMcpEngine(options.mcp);
  if (domain === 'swe') return new RealSweEngine(options.swe);
  throw new AgentWorldError(
    'UNSUPPORTED',
    `No real executor for ${domain} worlds here: the real engine runs ${REAL_ENGINE_DOMAINS.join(', ')} worlds.`,
  );
}
