/**
 * Captures what real MCP servers answer to `tools/call`, as ground truth for AgentWorld's MCP surface.
 *
 *   node --import tsx scripts/capture-mcp-results/capture.ts
 *
 * Runs @modelcontextprotocol/server-filesystem (confined to a fresh directory), server-everything and
 * server-memory (with an empty graph file) over stdio, lists their tools and makes the calls of
 * capture-cases.ts with the official SDK client (`client.callTool`, which also validates structuredContent
 * against each tool's outputSchema, as an agent's client does). The results are written unchanged, together
 * with the definitions of the tools called, to src/domains/mcp/dialects/mcp/fixtures.json (formatted with
 * the repository's biome). A call that the client rejects stops the capture: every captured result is one a
 * standard client accepts.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { McpServerCommand } from '../../src/core/world-spec.js';
import { connectMcpServer, listAllTools } from '../../src/domains/mcp/index.js';
import { CAPTURE_SERVERS, type CaptureServer, FILESYSTEM_FILES, PIXEL_PNG_BASE64 } from './capture-cases.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURE_FILE = join(ROOT, 'src', 'domains', 'mcp', 'dialects', 'mcp', 'fixtures.json');
/** A fixed directory, so that paths in the captured texts do not change from one capture to the next. */
const CAPTURE_DIRECTORY = join(tmpdir(), 'agentworld-mcp-capture');
const SDK_PACKAGE = '@modelcontextprotocol/sdk';

async function packageVersion(name: string): Promise<string> {
  const text = await readFile(join(ROOT, 'node_modules', name, 'package.json'), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

function withRoot(value: unknown, root: string): unknown {
  if (typeof value === 'string') return value.replaceAll('{root}', root);
  if (Array.isArray(value)) return value.map((entry) => withRoot(entry, root));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, withRoot(entry, root)]));
  }
  return value;
}

/** Makes the server's working area: the filesystem root with its files, the memory server's graph file. */
async function prepareArea(server: CaptureServer): Promise<{ root: string; env: Record<string, string> }> {
  const root = join(CAPTURE_DIRECTORY, server.id);
  await rm(root, { recursive: true, force: true });
  await mkdir(root, { recursive: true });
  if (server.id === 'filesystem') {
    for (const [name, text] of Object.entries(FILESYSTEM_FILES)) await writeFile(join(root, name), text);
    await writeFile(join(root, 'pixel.png'), Buffer.from(PIXEL_PNG_BASE64, 'base64'));
  }
  return { root, env: server.id === 'memory' ? { MEMORY_FILE_PATH: join(root, 'memory.jsonl') } : {} };
}

async function captureServer(server: CaptureServer): Promise<Record<string, unknown>> {
  const { root, env } = await prepareArea(server);
  const command = withRoot(server.command, root) as McpServerCommand;
  const connection = await connectMcpServer(
    { ...command, cwd: ROOT, ...(Object.keys(env).length === 0 ? {} : { env: { ...safeEnv(), ...env } }) },
    { clientName: 'agentworld-capture' },
  );
  try {
    const tools = await listAllTools(connection);
    const calls = [];
    for (const call of server.calls) {
      const args = withRoot(call.arguments, root) as Record<string, unknown>;
      const result = await connection.client.callTool({ name: call.name, arguments: args });
      calls.push({ title: call.title, name: call.name, arguments: args, result });
    }
    const called = new Set(server.calls.map((call) => call.name));
    return {
      id: server.id,
      package: server.packageName,
      version: await packageVersion(server.packageName),
      serverInfo: connection.serverInfo,
      root,
      tools: tools.filter((tool) => called.has(tool.name)),
      calls,
    };
  } finally {
    await connection.close();
  }
}

/** The variables a spawned server needs besides its own (the SDK passes only a safe default set). */
function safeEnv(): Record<string, string> {
  const names = ['HOME', 'PATH', 'SHELL', 'TERM', 'USER', 'LOGNAME'];
  return Object.fromEntries(
    names.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name] as string]])),
  );
}

async function main(): Promise<void> {
  const servers = [];
  for (const server of CAPTURE_SERVERS) {
    servers.push(await captureServer(server));
    console.log(`captured ${server.id}: ${server.calls.length} calls`);
  }
  const fixture = {
    capturedWith: { client: `${SDK_PACKAGE}@${await packageVersion(SDK_PACKAGE)}`, transport: 'stdio' },
    servers,
  };
  await writeFile(FIXTURE_FILE, `${JSON.stringify(fixture, null, 2)}\n`);
  await promisify(execFile)(
    join(ROOT, 'node_modules', '.bin', 'biome'),
    ['format', '--write', FIXTURE_FILE],
    {
      cwd: ROOT,
    },
  );
  await rm(CAPTURE_DIRECTORY, { recursive: true, force: true });
  console.log(`wrote ${FIXTURE_FILE}`);
}

await main();
