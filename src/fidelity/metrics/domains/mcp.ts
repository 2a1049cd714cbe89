import { type McpLedger, summarizeMcpLedger } from '../../../domains/mcp/index.js';
import { actionInputs, type DomainMetrics, pickFields } from '../domain-metrics.js';
import { jsonOrLines } from './json-or-lines.js';

/**
 * MCP: the row's tool schemas are text in its system prompt, so the spec lists the tools the row's actions call
 * (any arguments accepted); structure is JSON agreement of the results; state is what the ledger learns from
 * results: error count, resource ids and names seen, resources reported deleted.
 */
export const mcpMetrics: DomainMetrics = {
  domain: 'mcp',
  specFromRow(_row, turns, dialect) {
    const names = new Set<string>();
    for (const turn of turns) {
      for (const input of actionInputs(turn)) {
        const name = (input as { name?: unknown } | null)?.name;
        if (typeof input === 'object' && typeof name === 'string') names.add(name);
      }
    }
    return {
      domain: 'mcp',
      dialect,
      tools: [...names].map((name) => ({ name, inputSchema: { type: 'object' } })),
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
