import { ListToolsResultSchema } from '@modelcontextprotocol/sdk/types.js';
import type { CallOptions } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';
import { type McpServerCommand, type ToolDefinition, ToolDefinitionSchema } from '../../core/world-spec.js';
import { connectionError, connectMcpServer, type McpServerConnection } from './server-connection.js';

const MAX_PAGES = 1000;

/**
 * All tools of a connected server, following `nextCursor` until the last page. Sent as plain `tools/list`
 * requests: the SDK client's `listTools` would remember the tools' output schemas and task support and then
 * check or refuse later calls itself, where a proxy or a recorder must let the server answer every call.
 */
export async function listAllTools(
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
    if (cursor === undefined || cursor.length === 0) return tools;
    if (cursors.has(cursor)) {
      throw new AgentWorldError(
        'INVALID_SPEC',
        `The MCP server repeated the tools/list cursor "${cursor}".`,
        {
          details: { path: '$.toolsFrom' },
        },
      );
    }
    cursors.add(cursor);
  }
  throw new AgentWorldError(
    'INVALID_SPEC',
    `The MCP server returned more than ${MAX_PAGES} pages of tools.`,
    {
      details: { path: '$.toolsFrom' },
    },
  );
}

/**
 * Starts a real MCP server, lists its tools (every page) and stops it. INVALID_SPEC with the server's stderr
 * tail when it cannot be started or listed; ABORTED when the signal fires (the server is stopped either way).
 */
export async function fetchMcpServerTools(
  command: McpServerCommand,
  options: CallOptions = {},
): Promise<ToolDefinition[]> {
  const connection = await connectMcpServer(command, options);
  const onAbort = (): void => {
    void connection.close();
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await listAllTools(connection, options);
  } catch (error) {
    throw connectionError(command, error, connection.stderrTail(), options.signal);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await connection.close();
  }
}
