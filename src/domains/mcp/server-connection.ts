import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallOptions } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';
import type { McpServerCommand } from '../../core/world-spec.js';

const STDERR_TAIL_CHARS = 4000;

/** A live connection to a real MCP server started over stdio. */
export interface McpServerConnection {
  readonly client: Client;
  /** The server's `serverInfo` from the initialize handshake. */
  readonly serverInfo:
    | { readonly name: string; readonly version: string; readonly title?: string | undefined }
    | undefined;
  /** The server's `instructions` from the initialize handshake. */
  readonly instructions: string | undefined;
  /** The last few kilobytes the server wrote to stderr. */
  stderrTail(): string;
  close(): Promise<void>;
}

export interface ConnectMcpServerOptions extends CallOptions {
  /** Our client's name in the initialize handshake. */
  readonly clientName?: string;
}

function describeCommand(command: McpServerCommand): string {
  return [command.command, ...command.args].join(' ');
}

/**
 * Starts a real MCP server (official SDK, stdio transport) and completes the initialize handshake. The server
 * inherits the SDK's safe default environment plus `command.env`. Failure to start or to answer is
 * INVALID_SPEC (with the stderr tail in details); an aborted signal is ABORTED and stops the server.
 */
export async function connectMcpServer(
  command: McpServerCommand,
  options: ConnectMcpServerOptions = {},
): Promise<McpServerConnection> {
  const { signal } = options;
  if (signal?.aborted) throw new AgentWorldError('ABORTED', 'Aborted before the MCP server was started.');
  const transport = new StdioClientTransport({
    command: command.command,
    args: [...command.args],
    ...(command.env === undefined ? {} : { env: command.env }),
    ...(command.cwd === undefined ? {} : { cwd: command.cwd }),
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer | string) => {
    stderr = (stderr + chunk.toString()).slice(-STDERR_TAIL_CHARS);
  });
  const client = new Client({ name: options.clientName ?? 'agentworld', version: '0.1.0' });
  const close = async (): Promise<void> => {
    await client.close().catch(() => undefined);
  };
  const onAbort = (): void => {
    void close();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await client.connect(transport, signal === undefined ? undefined : { signal });
  } catch (error) {
    await close();
    throw connectionError(command, error, stderr, signal);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
  return {
    client,
    serverInfo: client.getServerVersion(),
    instructions: client.getInstructions(),
    stderrTail: () => stderr,
    close,
  };
}

function stderrHint(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const last = lines[lines.length - 1];
  return last === undefined ? '' : ` (stderr: ${last.slice(0, 300)})`;
}

/** Wraps a failure while talking to a server: ABORTED when the signal fired, otherwise INVALID_SPEC. */
export function connectionError(
  command: McpServerCommand,
  error: unknown,
  stderr: string,
  signal: AbortSignal | undefined,
): AgentWorldError {
  if (error instanceof AgentWorldError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  if (signal?.aborted) {
    return new AgentWorldError(
      'ABORTED',
      `Aborted while talking to the MCP server "${describeCommand(command)}".`,
      {
        cause: error,
      },
    );
  }
  return new AgentWorldError(
    'INVALID_SPEC',
    `Invalid WorldSpec at $.toolsFrom: the MCP server "${describeCommand(command)}" failed: ${reason}${stderrHint(stderr)}`,
    { cause: error, details: { path: '$.toolsFrom', command: command.command, args: command.args, stderr } },
  );
}
