import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallOptions } from '../../../core/abort.js';
import { AgentWorldError } from '../../../core/errors.js';
import type { McpServerConnection } from '../../../domains/mcp/index.js';

/** Connects the official SDK client to a streamable HTTP MCP endpoint and completes the handshake. */
export async function connectHttpMcpServer(
  url: string,
  headers: Readonly<Record<string, string>> | undefined,
  options: CallOptions = {},
): Promise<McpServerConnection> {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    ...(headers === undefined ? {} : { requestInit: { headers: { ...headers } } }),
  });
  const client = new Client({ name: 'agentworld-real', version: '0.1.0' });
  try {
    await client.connect(transport, options.signal === undefined ? undefined : { signal: options.signal });
  } catch (error) {
    await client.close().catch(() => undefined);
    if (options.signal?.aborted)
      throw new AgentWorldError('ABORTED', 'Connecting to the MCP server was aborted.');
    throw new AgentWorldError(
      'ENGINE_UNAVAILABLE',
      `Could not connect to the MCP server at ${url}: ${String(error)}`,
      {
        cause: error,
      },
    );
  }
  return {
    client,
    serverInfo: client.getServerVersion(),
    instructions: client.getInstructions(),
    stderrTail: () => '',
    close: async () => {
      await client.close().catch(() => undefined);
    },
  };
}
