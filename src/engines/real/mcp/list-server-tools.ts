import { ListToolsResultSchema } from '@modelcontextprotocol/sdk/types.js';
import type { CallOptions } from '../../../core/abort.js';
import { AgentWorldError } from '../../../core/errors.js';
import { type ToolDefinition, ToolDefinitionSchema } from '../../../core/world-spec.js';
import type { McpServerConnection } from '../../../domains/mcp/index.js';

const MAX_PAGES = 100;

/**
 * Every page of the server's `tools/list`, sent as a plain request. The SDK client's `listTools` would remember
 * the tools' output schemas and task support and then check or refuse calls itself; a proxy must let the server
 * answer every call, so it lists this way.
 */
export async function listServerTools(
  connection: McpServerConnection,
  options: CallOptions = {},
): Promise<ToolDefinition[]> {
  const tools: ToolDefinition[] = [];
  const cursors = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result = await connection.client.request(
      { method: 'tools/list', params: cursor === undefined ? {} : { cursor } },
      ListToolsResultSchema,
      options.signal === undefined ? undefined : { signal: options.signal },
    );
    for (const tool of result.tools) tools.push(ToolDefinitionSchema.parse(tool));
    cursor = result.nextCursor;
    if (cursor === undefined || cursor.length === 0 || cursors.has(cursor)) return tools;
    cursors.add(cursor);
  }
  throw new AgentWorldError('ENGINE_ERROR', `The MCP server listed more than ${MAX_PAGES} pages of tools.`);
}
