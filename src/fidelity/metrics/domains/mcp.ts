import { type McpLedger, summarizeMcpLedger } from '../../../domains/mcp/index.js';
import { actionInputs, type DomainMetrics, pickFields } from '../domain-metrics.js';
import { jsonOrLines } from './json-or-lines.js';

/** The server line AgentWorld's mcp system prompt writes (src/domains/mcp/system-prompt.ts). */
const SERVER_NAME_LINE = /^The server is known to the agent as "([^"\n]+)"\.$/m;
/** Lines that say the server did not start empty: a spec rebuilt without them must not name the server. */
const STARTING_STATE_LINE = /^(These resources exist before the first call: |Hidden server state )/m;

/**
 * The server a row's system prompt names, when the prompt is AgentWorld's and says the server starts empty (no
 * resources or hidden state the rebuilt spec would lose); undefined otherwise.
 */
function serverNameOf(systemPrompt: string): string | undefined {
  if (STARTING_STATE_LINE.test(systemPrompt)) return undefined;
  return SERVER_NAME_LINE.exec(systemPrompt)?.[1];
}

/**
 * MCP: the row's tool schemas are text in its system prompt, so the spec lists the tools the row's actions call
 * (any arguments accepted), and names the server when the prompt does and the server starts empty (so a twin or
 * embedded model of that server can answer the row); structure is JSON agreement of the results; state is what
 * the ledger learns from results: error count, resource ids and names seen, resources reported deleted.
 */
export const mcpMetrics: DomainMetrics = {
  domain: 'mcp',
  specFromRow(row, turns, dialect) {
    const names = new Set<string>();
    for (const turn of turns) {
      for (const input of actionInputs(turn)) {
        const name = (input as { name?: unknown } | null)?.name;
        if (typeof input === 'object' && typeof name === 'string') names.add(name);
      }
    }
    const serverName = serverNameOf(row.system_str);
    return {
      domain: 'mcp',
      dialect,
      tools: [...names].map((name) => ({ name, inputSchema: { type: 'object' } })),
      ...(serverName === undefined ? {} : { initialState: { data: { serverName } } }),
    };
  },
  structural: jsonOrLines,
  stateOf: (ledger) =>
    pickFields(summarizeMcpLedger(ledger as McpLedger), [
      'errors',
      'resourceIds',
      'resourceNames',
      'deleted',
    ]),
};
