import { type Command, InvalidArgumentError } from 'commander';

/*
 * The `mcp` command's arguments and flags, kept apart from the command itself so the CLI can declare them
 * without loading the MCP SDK at start-up.
 */

/** The environment variable holding the key HTTP clients must send (`Authorization: Bearer <key>`). */
export const SERVER_KEYS_VARIABLE = 'AGENTWORLD_SERVER_KEYS';
export const DEFAULT_MCP_HTTP_PORT = 8765;
const DEFAULT_MCP_HTTP_HOST = '127.0.0.1';
const DEFAULT_MCP_HTTP_PATH = '/mcp';

function wholeNumber(minimum: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isInteger(parsed) || parsed < minimum) {
      throw new InvalidArgumentError(`must be a whole number ≥ ${minimum}`);
    }
    return parsed;
  };
}

/**
 * Adds the `mcp` command's own arguments and flags to a commander command (the engine flags are added by the
 * caller, as for `sim`). The action handler receives `(spec, options)`; pass them to `runMcpServer`.
 */
export function addMcpOptions(command: Command): Command {
  return command
    .argument(
      '[spec]',
      'WorldSpec file (.json/.yaml) or bundled example name (mcp, search, swe-claude-code …); omit with --mirror',
    )
    .option(
      '--mirror <command...>',
      'copy the tools of this real MCP server (started over stdio) and simulate it',
    )
    .option('--http', 'serve MCP over streamable HTTP instead of stdio')
    .option('--host <host>', `HTTP bind address (default ${DEFAULT_MCP_HTTP_HOST}; others need --auth-key)`)
    .option('--port <n>', `HTTP port, 0 for any free one (default ${DEFAULT_MCP_HTTP_PORT})`, wholeNumber(0))
    .option('--path <path>', `HTTP endpoint path (default ${DEFAULT_MCP_HTTP_PATH})`)
    .option(
      '--auth-key <keys...>',
      `keys HTTP clients send as "Authorization: Bearer KEY" (env ${SERVER_KEYS_VARIABLE}, comma-separated)`,
    )
    .option('--max-sessions <n>', 'most MCP sessions open at once over HTTP (default 64)', wholeNumber(1))
    .option(
      '--seed <n>',
      "seed of every connection's session (default: the spec's, else random)",
      wholeNumber(0),
    )
    .option('--save <file>', 'append every finished session to this JSONL file');
}
