import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { McpServerCommand } from '../../core/world-spec.js';

/** The npm package whose real server the generator records. */
export const MEMORY_SERVER_PACKAGE = '@modelcontextprotocol/server-memory';

/** The server's entry script as written into records: relative to the repository root, like examples/*.json. */
export const MEMORY_SERVER_RELATIVE_SCRIPT = `node_modules/${MEMORY_SERVER_PACKAGE}/dist/index.js`;

const require = createRequire(import.meta.url);

function packageDirectory(): string {
  return dirname(require.resolve(`${MEMORY_SERVER_PACKAGE}/package.json`));
}

/** The installed package version (e.g. `2026.8.31`), recorded in every session's labels. */
export function memoryServerVersion(): string {
  const manifest = JSON.parse(readFileSync(join(packageDirectory(), 'package.json'), 'utf8')) as {
    version?: unknown;
  };
  return typeof manifest.version === 'string' ? manifest.version : 'unknown';
}

/**
 * The command that starts a real server-memory over stdio, keeping its knowledge graph in `memoryFile` (an
 * absolute path; the server creates the file on its first write).
 */
export function memoryServerCommand(memoryFile: string): McpServerCommand {
  return {
    command: process.execPath,
    args: [join(packageDirectory(), 'dist', 'index.js')],
    env: { MEMORY_FILE_PATH: memoryFile },
  };
}
