import type { CallOptions } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';
import type { McpServerCommand, WorldSpecInput } from '../../core/world-spec.js';
import { connectMcpServer, listAllTools } from '../../domains/mcp/index.js';

function specIdOf(command: McpServerCommand): string {
  const words = [command.command, ...command.args].join('-');
  const slug = words.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return `mirror-${slug}`.slice(0, 200).replace(/[^A-Za-z0-9]+$/, '');
}

/**
 * Builds an `mcp` WorldSpec that simulates a real MCP server: the server is started over stdio, its tools are
 * listed (every page) with their definitions unchanged, its name is kept as the simulated server's name, and
 * the server is stopped again. `commandLine` is the command and its arguments.
 */
export async function mirrorSpec(
  commandLine: readonly string[],
  options: CallOptions & { readonly cwd?: string } = {},
): Promise<WorldSpecInput> {
  const [program, ...args] = commandLine;
  if (program === undefined || program.trim() === '') {
    throw new AgentWorldError(
      'CONFIG_INVALID',
      'Mirroring needs the command of a real MCP server, e.g. --mirror npx -y @modelcontextprotocol/server-everything.',
    );
  }
  const command: McpServerCommand = {
    command: program,
    args,
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
  };
  const connection = await connectMcpServer(command, options);
  try {
    let tools: Awaited<ReturnType<typeof listAllTools>>;
    try {
      tools = await listAllTools(connection, options);
    } catch (error) {
      if (error instanceof AgentWorldError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new AgentWorldError(
        'INVALID_SPEC',
        `The MCP server "${commandLine.join(' ')}" could not list its tools: ${reason}`,
        {
          cause: error,
          details: { stderr: connection.stderrTail() },
        },
      );
    }
    if (tools.length === 0) {
      throw new AgentWorldError(
        'INVALID_SPEC',
        `The MCP server "${commandLine.join(' ')}" lists no tools to mirror.`,
      );
    }
    const { serverInfo, instructions } = connection;
    const handshake = {
      ...(serverInfo?.name === undefined ? {} : { serverName: serverInfo.name.slice(0, 200) }),
      ...(serverInfo?.version ? { serverVersion: serverInfo.version.slice(0, 200) } : {}),
      ...(serverInfo?.title ? { serverTitle: serverInfo.title.slice(0, 200) } : {}),
      ...(instructions ? { serverInstructions: instructions.slice(0, 20_000) } : {}),
    };
    return {
      id: specIdOf(command),
      description: `Simulates the MCP server started by: ${commandLine.join(' ')}`,
      domain: 'mcp',
      dialect: 'mcp',
      toolsFrom: command,
      tools,
      initialState: { data: handshake },
    };
  } finally {
    await connection.close();
  }
}
