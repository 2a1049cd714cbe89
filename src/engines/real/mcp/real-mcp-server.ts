import { mkdtempSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { AgentWorldError } from '../../../core/errors.js';
import type { McpServerCommand } from '../../../core/world-spec.js';

/** The reference servers shipped in node_modules that the real MCP engine can start by name. */
export const KNOWN_MCP_SERVERS = ['filesystem', 'memory', 'everything'] as const;
export type KnownMcpServer = (typeof KNOWN_MCP_SERVERS)[number];

/**
 * Which real MCP server a session talks to: a named reference server (each session gets its own temporary
 * directory: the filesystem server is confined to it, the memory server keeps its memory file in it), any
 * stdio command, or a streamable HTTP endpoint.
 */
export type RealMcpServer =
  | { readonly kind: 'known'; readonly name: KnownMcpServer }
  | { readonly kind: 'stdio'; readonly command: McpServerCommand }
  | { readonly kind: 'http'; readonly url: string; readonly headers?: Readonly<Record<string, string>> };

/** A server of a session: how to reach it, and the temporary directory to remove afterwards (if any). */
export interface SessionServer {
  readonly target:
    | { readonly kind: 'stdio'; readonly command: McpServerCommand }
    | { readonly kind: 'http'; readonly url: string; readonly headers?: Readonly<Record<string, string>> };
  readonly temporaryDirectory?: string | undefined;
}

const packageOf: Readonly<Record<KnownMcpServer, string>> = {
  filesystem: '@modelcontextprotocol/server-filesystem',
  memory: '@modelcontextprotocol/server-memory',
  everything: '@modelcontextprotocol/server-everything',
};

/** The entry script of a reference server package (its `dist/index.js`). */
function entryOf(name: KnownMcpServer): string {
  const require = createRequire(import.meta.url);
  try {
    return join(dirname(require.resolve(`${packageOf[name]}/package.json`)), 'dist', 'index.js');
  } catch (error) {
    throw new AgentWorldError(
      'ENGINE_UNAVAILABLE',
      `The ${name} MCP server is not installed (npm install ${packageOf[name]}).`,
      { cause: error },
    );
  }
}

/** Parses `filesystem`, `memory`, `everything`, `http(s)://…` or a command line (`node server.js --flag`). */
export function parseRealMcpServer(text: string): RealMcpServer {
  const trimmed = text.trim();
  if ((KNOWN_MCP_SERVERS as readonly string[]).includes(trimmed)) {
    return { kind: 'known', name: trimmed as KnownMcpServer };
  }
  if (/^https?:\/\//.test(trimmed)) return { kind: 'http', url: trimmed };
  const [command, ...args] = trimmed.split(/\s+/);
  if (command === undefined || command === '') {
    throw new AgentWorldError('CONFIG_INVALID', 'The real MCP server needs a name, a URL or a command line.');
  }
  return { kind: 'stdio', command: { command, args } };
}

/** The server one session starts (a known server gets a fresh temporary directory of its own). */
export function sessionServerFor(server: RealMcpServer): SessionServer {
  if (server.kind === 'stdio') {
    // A command of the spec's own (toolsFrom) keeps its working directory, but state that servers write to a
    // file named by the environment stays per session: the memory server's MEMORY_FILE_PATH would otherwise be
    // one file in its package folder, shared by every session (unless the command sets it itself).
    if (server.command.env?.MEMORY_FILE_PATH !== undefined)
      return { target: { kind: 'stdio', command: server.command } };
    const directory = realpathSync(mkdtempSync(join(tmpdir(), 'agentworld-mcp-stdio-')));
    return {
      target: {
        kind: 'stdio',
        command: {
          ...server.command,
          env: { ...server.command.env, MEMORY_FILE_PATH: join(directory, 'memory.jsonl') },
        },
      },
      temporaryDirectory: directory,
    };
  }
  if (server.kind === 'http') {
    return {
      target: {
        kind: 'http',
        url: server.url,
        ...(server.headers === undefined ? {} : { headers: server.headers }),
      },
    };
  }
  const entry = entryOf(server.name);
  const directory = realpathSync(mkdtempSync(join(tmpdir(), `agentworld-mcp-${server.name}-`)));
  const args =
    server.name === 'filesystem'
      ? [entry, directory]
      : server.name === 'everything'
        ? [entry, 'stdio']
        : [entry];
  const env = server.name === 'memory' ? { MEMORY_FILE_PATH: join(directory, 'memory.jsonl') } : undefined;
  return {
    target: {
      kind: 'stdio',
      command: { command: process.execPath, args, cwd: directory, ...(env === undefined ? {} : { env }) },
    },
    temporaryDirectory: directory,
  };
}
