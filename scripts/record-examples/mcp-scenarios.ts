import type { McpServerCommand } from '../../src/core/world-spec.js';

/** The packages the example sessions are recorded against. */
export const EVERYTHING_PACKAGE = '@modelcontextprotocol/server-everything';
export const MEMORY_PACKAGE = '@modelcontextprotocol/server-memory';

/** Commands relative to the repository root (the recorder runs servers with cwd set to it). */
export const EVERYTHING_COMMAND: McpServerCommand = {
  command: 'node',
  args: ['node_modules/@modelcontextprotocol/server-everything/dist/index.js', 'stdio'],
};

export const MEMORY_COMMAND: McpServerCommand = {
  command: 'node',
  args: ['node_modules/@modelcontextprotocol/server-memory/dist/index.js'],
};

/** One session to record: which spec it runs in, its seed and the agent's tool calls, in order. */
export interface McpScenario {
  readonly title: string;
  readonly spec: 'everything' | 'memory';
  readonly seed: number;
  readonly actions: readonly unknown[];
}

/**
 * The recorded sessions. Every tool used here is deterministic (no clock or random output), so a replay shows
 * exactly what a fresh recording would. Each session includes a tool-level failure, which the real server
 * returns as an `isError: true` result (an observation, not an error).
 */
export const MCP_SCENARIOS: readonly McpScenario[] = [
  {
    title: 'everything: echo, arithmetic, structured output and tool errors',
    spec: 'everything',
    seed: 11,
    actions: [
      { name: 'echo', arguments: { message: 'Hello from AgentWorld' } },
      { name: 'get-sum', arguments: { a: 2, b: 5 } },
      { name: 'get-structured-content', arguments: { location: 'Chicago' } },
      { name: 'get-annotated-message', arguments: { messageType: 'error' } },
      { name: 'simulate-research-query', arguments: { topic: 'tidal energy storage' } },
    ],
  },
  {
    title: 'everything: other call forms, negative numbers and resource links',
    spec: 'everything',
    seed: 12,
    actions: [
      {
        jsonrpc: '2.0',
        id: 1,
        method: 'tools/call',
        params: { name: 'get-structured-content', arguments: { location: 'New York' } },
      },
      { type: 'function', function: { name: 'get-sum', arguments: '{"a": 1.5, "b": -3}' } },
      '{"name": "echo", "arguments": {"message": "second session"}}',
      { name: 'get-annotated-message', arguments: { messageType: 'success' } },
      { name: 'get-resource-links', arguments: { count: 2 } },
    ],
  },
  {
    title: 'memory: create, relate, read, delete, then touch the deleted entity',
    spec: 'memory',
    seed: 13,
    actions: [
      {
        name: 'create_entities',
        arguments: {
          entities: [
            {
              name: 'Ada Lovelace',
              entityType: 'person',
              observations: ['Wrote notes on the Analytical Engine'],
            },
            {
              name: 'Babbage Works',
              entityType: 'organization',
              observations: ['Builds calculating engines'],
            },
          ],
        },
      },
      {
        name: 'create_relations',
        arguments: {
          relations: [{ from: 'Ada Lovelace', to: 'Babbage Works', relationType: 'collaborates_with' }],
        },
      },
      { name: 'read_graph', arguments: {} },
      { name: 'delete_entities', arguments: { entityNames: ['Babbage Works'] } },
      { name: 'read_graph', arguments: {} },
      {
        name: 'add_observations',
        arguments: {
          observations: [{ entityName: 'Babbage Works', contents: ['Opened a second workshop'] }],
        },
      },
      { name: 'open_nodes', arguments: { names: ['Babbage Works'] } },
    ],
  },
];
