import type { ToolDefinition, WorldSpec } from '../../core/world-spec.js';
import { WorldSpecSchema } from '../../core/world-spec.js';
import { MEMORY_SERVER_PACKAGE, MEMORY_SERVER_RELATIVE_SCRIPT } from './memory-server.js';

/** The server name every generated session shows in its first observation. */
export const MEMORY_SERVER_NAME = 'server-memory';

/**
 * The WorldSpec every generated mcp session carries: the tools exactly as the real server lists them (inline,
 * so a record works without the server), and `toolsFrom` saying where they came from.
 */
export function memorySessionSpec(tools: readonly ToolDefinition[]): WorldSpec {
  return WorldSpecSchema.parse({
    id: 'datagen-mcp-memory',
    description: `The knowledge-graph memory server ${MEMORY_SERVER_PACKAGE}, whose graph starts empty.`,
    domain: 'mcp',
    dialect: 'mcp',
    initialState: { data: { serverName: MEMORY_SERVER_NAME } },
    toolsFrom: { command: 'node', args: [MEMORY_SERVER_RELATIVE_SCRIPT] },
    tools,
    simulationInstructions:
      'The server keeps one knowledge graph of entities (name, entityType, observations) and directed relations ' +
      '(from, to, relationType) in a file that is empty when the session starts. Results are the JSON the real ' +
      'server prints (two-space indentation).',
    maxTurns: 100,
  });
}
