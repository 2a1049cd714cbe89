import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import type { Engine } from '../../core/engine.js';
import { AgentWorldError } from '../../core/errors.js';
import type { ToolDefinition, WorldSpec } from '../../core/world-spec.js';
import { getDomain } from '../../domains/index.js';
import { readMcpInitialData } from '../../domains/mcp/index.js';
import { searchToolsOf } from '../../domains/search/index.js';
import { sweTools } from '../../domains/swe/index.js';
import { parseWorldSpec } from '../../session/create-env.js';

/** The domains whose tools the MCP surface can serve. */
export const MCP_SURFACE_DOMAINS = ['mcp', 'search', 'swe'] as const;
export type McpSurfaceDomain = (typeof MCP_SURFACE_DOMAINS)[number];

/** A validated, prepared world that every MCP connection of one server simulates. */
export interface SimulatedWorld {
  /** The prepared spec (tools resolved), shared by every connection's session. */
  readonly spec: WorldSpec;
  readonly domain: McpSurfaceDomain;
  /** The tools as `tools/list` serves them. */
  readonly tools: readonly ToolDefinition[];
  readonly engine: Engine;
  /** Seed of every connection's session; undefined = the spec's seed, else a random one per connection. */
  readonly seed: number | undefined;
  /** The `serverInfo` of the initialize handshake (a mirrored server's own name, version and title). */
  readonly serverInfo: { readonly name: string; readonly version: string; readonly title?: string };
  /** The `instructions` of the initialize handshake, when the spec has the real server's. */
  readonly instructions: string | undefined;
}

export interface PrepareSimulatedWorldOptions extends CallOptions {
  readonly engine: Engine;
  readonly seed?: number | undefined;
  /** Overrides the server name announced in the initialize handshake. */
  readonly serverName?: string | undefined;
}

const SERVER_VERSION = '0.1.0';

function isSurfaceDomain(domain: string): domain is McpSurfaceDomain {
  return (MCP_SURFACE_DOMAINS as readonly string[]).includes(domain);
}

function toolsOf(spec: WorldSpec, domain: McpSurfaceDomain): readonly ToolDefinition[] {
  if (domain === 'search') return searchToolsOf(spec);
  if (domain === 'swe') return sweTools(spec);
  return spec.tools ?? [];
}

function serverNameOf(spec: WorldSpec, domain: McpSurfaceDomain): string {
  if (domain === 'mcp') {
    const name = readMcpInitialData(spec).serverName;
    if (name !== undefined) return name;
  }
  return `agentworld-${spec.id}`;
}

/** The handshake's `serverInfo`: the spec's server (a mirror's real name, version and title), else ours. */
function serverInfoOf(
  spec: WorldSpec,
  domain: McpSurfaceDomain,
  serverName: string | undefined,
): SimulatedWorld['serverInfo'] {
  const data = domain === 'mcp' ? readMcpInitialData(spec) : {};
  return {
    name: serverName ?? serverNameOf(spec, domain),
    version: data.serverVersion ?? SERVER_VERSION,
    ...(data.serverTitle === undefined ? {} : { title: data.serverTitle }),
  };
}

/**
 * Validates and prepares a spec once (an `mcp` spec with only `toolsFrom` starts its real server here, not
 * once per connection), so that each connection only creates and resets a session. Domains without tools
 * (terminal, android, os) are UNSUPPORTED.
 */
export async function prepareSimulatedWorld(
  input: unknown,
  options: PrepareSimulatedWorldOptions,
): Promise<SimulatedWorld> {
  throwIfAborted(options.signal);
  const parsed = parseWorldSpec(input);
  if (!isSurfaceDomain(parsed.domain)) {
    throw new AgentWorldError(
      'UNSUPPORTED',
      `The MCP server surface serves the tools of ${MCP_SURFACE_DOMAINS.join(', ')} worlds, not "${parsed.domain}".`,
      { details: { domain: parsed.domain, supported: [...MCP_SURFACE_DOMAINS] } },
    );
  }
  const domain = parsed.domain;
  const spec = await getDomain(domain).prepare(parsed, { signal: options.signal });
  return {
    spec,
    domain,
    tools: toolsOf(spec, domain),
    engine: options.engine,
    seed: options.seed,
    serverInfo: serverInfoOf(spec, domain, options.serverName),
    instructions: domain === 'mcp' ? readMcpInitialData(spec).serverInstructions : undefined,
  };
}
