import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import type { Domain } from '../../core/domain.js';
import { AgentWorldError } from '../../core/errors.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { mcpActionTools } from './action-tools.js';
import { checkMcpObservation } from './checks.js';
import { MCP_DIALECTS } from './dialects/index.js';
import { type McpAction, mcpActionSchema, parseMcpAction } from './dialects/mcp/index.js';
import { fetchMcpServerTools } from './fetch-tools.js';
import { readMcpInitialData } from './initial-data.js';
import { applyMcpTurn, createMcpLedger, type McpLedger, summarizeMcpLedger } from './ledger.js';
import { mcpPerturbations } from './perturbations.js';
import { renderMcpAction } from './render.js';
import { mcpSystemPrompt } from './system-prompt.js';

function assertUniqueToolNames(spec: WorldSpec): void {
  const seen = new Set<string>();
  (spec.tools ?? []).forEach((tool, index) => {
    if (seen.has(tool.name)) {
      throw new AgentWorldError(
        'INVALID_SPEC',
        `Invalid WorldSpec at $.tools[${index}].name: duplicate tool "${tool.name}".`,
        {
          details: { path: `$.tools[${index}].name` },
        },
      );
    }
    seen.add(tool.name);
  });
}

/**
 * Resolves an mcp spec's tools: inline `tools` are used as they are (so a spec works without its server);
 * otherwise the real server of `toolsFrom` is started, listed (every page) and stopped.
 */
export async function prepareMcpSpec(spec: WorldSpec, options: CallOptions = {}): Promise<WorldSpec> {
  throwIfAborted(options.signal);
  readMcpInitialData(spec);
  if (spec.tools !== undefined && spec.tools.length > 0) {
    assertUniqueToolNames(spec);
    return spec;
  }
  if (spec.toolsFrom === undefined) {
    throw new AgentWorldError(
      'INVALID_SPEC',
      'Invalid WorldSpec at $.tools: an mcp world needs tool definitions ("tools") or a server to list them from ("toolsFrom").',
      { details: { path: '$.tools' } },
    );
  }
  const tools = await fetchMcpServerTools(spec.toolsFrom, options);
  if (tools.length === 0) {
    throw new AgentWorldError(
      'INVALID_SPEC',
      'Invalid WorldSpec at $.toolsFrom: the MCP server lists no tools.',
      {
        details: { path: '$.toolsFrom' },
      },
    );
  }
  const prepared: WorldSpec = { ...spec, tools };
  assertUniqueToolNames(prepared);
  return prepared;
}

/** What the agent's client knows right after connecting: the server and its tool names. */
export function mcpInitialObservation(spec: WorldSpec): string {
  const names = (spec.tools ?? []).map((tool) => tool.name);
  const serverName = readMcpInitialData(spec).serverName;
  const server = serverName === undefined ? 'MCP server' : `MCP server "${serverName}"`;
  const count = `${names.length} ${names.length === 1 ? 'tool' : 'tools'} available`;
  return names.length === 0
    ? `Connected to ${server}: ${count}`
    : `Connected to ${server}: ${count}: ${names.join(', ')}`;
}

/** The `mcp` domain: one MCP tool call per turn against a simulated tool server. */
export const mcpDomain: Domain<McpAction, McpLedger> = {
  id: 'mcp',
  dialects: MCP_DIALECTS,
  defaultDialect: 'mcp',
  prepare: prepareMcpSpec,
  actionSchema: mcpActionSchema,
  parseAction: parseMcpAction,
  renderAction: renderMcpAction,
  turnSections: () => [],
  systemPrompt: mcpSystemPrompt,
  initialObservation: mcpInitialObservation,
  createLedger: createMcpLedger,
  applyTurn: applyMcpTurn,
  check: checkMcpObservation,
  isCompletion: (action, spec) => readMcpInitialData(spec).completionTools?.includes(action.name) ?? false,
  summarize: summarizeMcpLedger,
  actionTools: mcpActionTools,
  perturbations: mcpPerturbations,
};
