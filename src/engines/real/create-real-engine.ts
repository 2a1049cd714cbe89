import type { Engine } from '../../core/engine.js';
import { AgentWorldError } from '../../core/errors.js';
import type { DomainId } from '../../core/world-spec.js';
import { createRealMcpEngine, type RealMcpEngineOptions } from './mcp/index.js';
import { createRealSearchEngine, type RealSearchEngineOptions } from './search/index.js';
import { RealSweEngine, type RealSweEngineOptions } from './swe/index.js';
import { createRealTerminalEngine, type RealTerminalEngineOptions } from './terminal/index.js';
import { createRealWebEngine, type RealWebEngineOptions } from './web/index.js';

/**
 * The domains with a real executor here. android and os have none: their real executors (an Android emulator,
 * an OSWorld virtual machine) do not run on this kind of machine.
 */
export const REAL_ENGINE_DOMAINS = ['terminal', 'mcp', 'swe', 'web', 'search'] as const;

export interface RealEngineOptions {
  readonly terminal?: RealTerminalEngineOptions | undefined;
  readonly mcp?: RealMcpEngineOptions | undefined;
  readonly swe?: RealSweEngineOptions | undefined;
  readonly web?: RealWebEngineOptions | undefined;
  readonly search?: RealSearchEngineOptions | undefined;
}

/**
 * The real engine of a domain: bash in bubblewrap for `terminal`, a real MCP server for `mcp`, a git repository
 * in bubblewrap with each harness's tools for `swe`, Chromium (BrowserGym's rules) or the real `@playwright/mcp`
 * server for `web`, a full-text engine over a document corpus for `search`.
 */
export function createRealEngine(domain: DomainId, options: RealEngineOptions = {}): Engine {
  if (domain === 'terminal') return createRealTerminalEngine(options.terminal);
  if (domain === 'mcp') return createRealMcpEngine(options.mcp);
  if (domain === 'swe') return new RealSweEngine(options.swe);
  if (domain === 'web') return createRealWebEngine(options.web);
  if (domain === 'search') return createRealSearchEngine(options.search);
  throw new AgentWorldError(
    'UNSUPPORTED',
    `No real executor for ${domain} worlds here: the real engine runs ${REAL_ENGINE_DOMAINS.join(', ')} worlds.`,
  );
}
