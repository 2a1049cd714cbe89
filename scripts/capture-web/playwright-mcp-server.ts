/**
 * Starts the real `@playwright/mcp` server (the pinned dev dependency) over stdio with Debian's Chromium, headless
 * and isolated, and connects the official MCP SDK client to it. Its working directory is a fresh temporary folder,
 * so the snapshot files it writes (`.playwright-mcp/…`) stay out of the repository.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';

export const CHROMIUM = '/usr/bin/chromium';

export interface PlaywrightMcpServer {
  readonly client: Client;
  readonly version: string;
  close(): Promise<void>;
}

const require = createRequire(import.meta.url);

/** The installed server's version and the path of its command-line entry. */
export function playwrightMcpPackage(): { version: string; cli: string } {
  const manifest = require.resolve('@playwright/mcp/package.json');
  const { version } = require(manifest) as { version: string };
  return { version, cli: join(manifest, '..', 'cli.js') };
}

export async function startPlaywrightMcp(): Promise<PlaywrightMcpServer> {
  const { version, cli } = playwrightMcpPackage();
  const home = mkdtempSync(join(tmpdir(), 'agentworld-playwright-mcp-'));
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [cli, '--headless', '--isolated', '--no-sandbox', '--executable-path', CHROMIUM],
    cwd: home,
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: home } as Record<
      string,
      string
    >,
    stderr: 'ignore',
  });
  const client = new Client({ name: 'agentworld-capture', version: '0.1.0' });
  await client.connect(transport);
  return {
    client,
    version,
    close: async () => {
      await client.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}
