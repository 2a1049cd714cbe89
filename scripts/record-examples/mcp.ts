/**
 * Records the example mcp sessions against real MCP servers (never written by hand).
 *
 *   node --import tsx scripts/record-examples/mcp.ts
 *
 * 1. Lists the tools of @modelcontextprotocol/server-everything and writes examples/mcp.json: a WorldSpec with
 *    `toolsFrom` naming the server and the fetched tools inlined, so the spec also works without the server.
 * 2. Plays each scenario of mcp-scenarios.ts through the real Session with the real MCP engine
 *    (src/engines/real/mcp), which forwards every call
 *    to a fresh real server process (server-memory gets its own temporary MEMORY_FILE_PATH).
 * 3. Stops with an error, writing nothing, if any check of any turn failed; otherwise writes the spec file
 *    (formatted with the repository's biome) and replaces examples/sessions/mcp.jsonl with the records.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { SessionRecord } from '../../src/core/turn.js';
import type { McpServerCommand, ToolDefinition, WorldSpecInput } from '../../src/core/world-spec.js';
import { connectMcpServer, listAllTools } from '../../src/domains/mcp/index.js';
import { createRealMcpEngine } from '../../src/engines/real/index.js';
import { createEnv } from '../../src/session/create-env.js';
import { writeSessionFile } from '../../src/session/session-file.js';
import {
  EVERYTHING_COMMAND,
  EVERYTHING_PACKAGE,
  MCP_SCENARIOS,
  type McpScenario,
  MEMORY_COMMAND,
  MEMORY_PACKAGE,
} from './mcp-scenarios.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SPEC_FILE = join(ROOT, 'examples', 'mcp.json');
const SESSIONS_FILE = join(ROOT, 'examples', 'sessions', 'mcp.jsonl');

/** Formats a written file with the repository's biome, so `biome ci` stays clean after a re-recording. */
async function formatWithBiome(path: string): Promise<void> {
  try {
    await promisify(execFile)(join(ROOT, 'node_modules', '.bin', 'biome'), ['format', '--write', path], {
      cwd: ROOT,
    });
  } catch (error) {
    console.warn(
      `could not format ${path} with biome: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

async function packageVersion(name: string): Promise<string> {
  const text = await readFile(join(ROOT, 'node_modules', name, 'package.json'), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

/** The server's tools and the name it reports in the initialize handshake. */
async function describeServer(
  command: McpServerCommand,
): Promise<{ tools: ToolDefinition[]; serverName: string }> {
  const connection = await connectMcpServer({ ...command, cwd: ROOT }, { clientName: 'agentworld-recorder' });
  try {
    const tools = await listAllTools(connection);
    return { tools, serverName: connection.serverInfo?.name ?? 'mcp-server' };
  } finally {
    await connection.close();
  }
}

function everythingSpec(tools: ToolDefinition[], serverName: string): WorldSpecInput {
  return {
    version: 1,
    id: 'example-mcp',
    description:
      'The tools of the reference MCP server @modelcontextprotocol/server-everything, fetched from the real server ' +
      'by scripts/record-examples/mcp.ts. "toolsFrom" says where they came from; the inlined "tools" let the ' +
      'spec work without the server installed.',
    domain: 'mcp',
    dialect: 'mcp',
    task: 'Try the server: echo a greeting, add two numbers and look up the weather for a city.',
    initialState: { data: { serverName } },
    toolsFrom: EVERYTHING_COMMAND,
    tools,
    maxTurns: 50,
  };
}

function memorySpec(tools: ToolDefinition[], serverName: string): WorldSpecInput {
  return {
    version: 1,
    id: 'example-mcp-memory',
    description:
      'The knowledge-graph server @modelcontextprotocol/server-memory, starting from an empty graph. Recorded with ' +
      'a fresh MEMORY_FILE_PATH per session.',
    domain: 'mcp',
    dialect: 'mcp',
    task: 'Record two related entities, then remove one of them.',
    initialState: { text: 'The knowledge graph is empty.', data: { serverName } },
    toolsFrom: MEMORY_COMMAND,
    tools,
    maxTurns: 50,
  };
}

async function recordScenario(
  scenario: McpScenario,
  spec: WorldSpecInput,
  command: McpServerCommand,
  server: string,
): Promise<{ record: SessionRecord; failures: string[] }> {
  const engine = createRealMcpEngine({ server: { kind: 'stdio', command: { ...command, cwd: ROOT } } });
  try {
    const env = await createEnv(spec, { engine });
    await env.reset({ seed: scenario.seed });
    const failures: string[] = [];
    for (const action of scenario.actions) {
      const result = await env.step(action);
      const turn = result.info.turn;
      for (const check of turn.checks) {
        if (check.status === 'fail') failures.push(`turn ${turn.index} ${check.id}: ${check.message ?? ''}`);
      }
      console.log(`  turn ${turn.index}: ${JSON.stringify(turn.action)}`);
      console.log(`    ${result.observation.split('\n').join('\n    ')}`);
    }
    await env.close();
    return {
      record: env.toRecord({ recordedWith: 'real (src/engines/real/mcp)', server, title: scenario.title }),
      failures,
    };
  } finally {
    await engine.close();
  }
}

async function main(): Promise<void> {
  const everything = await describeServer(EVERYTHING_COMMAND);
  const memoryDirectory = await mkdtemp(join(tmpdir(), 'agentworld-memory-'));
  try {
    const memory = await describeServer({
      ...MEMORY_COMMAND,
      env: { MEMORY_FILE_PATH: join(memoryDirectory, 'list.jsonl') },
    });
    const specs = {
      everything: everythingSpec(everything.tools, everything.serverName),
      memory: memorySpec(memory.tools, memory.serverName),
    };
    const servers = {
      everything: `${EVERYTHING_PACKAGE}@${await packageVersion(EVERYTHING_PACKAGE)}`,
      memory: `${MEMORY_PACKAGE}@${await packageVersion(MEMORY_PACKAGE)}`,
    };

    const records: SessionRecord[] = [];
    const failures: string[] = [];
    for (const [index, scenario] of MCP_SCENARIOS.entries()) {
      console.log(`session ${index + 1}: ${scenario.title}`);
      const command: McpServerCommand =
        scenario.spec === 'memory'
          ? {
              ...MEMORY_COMMAND,
              env: { MEMORY_FILE_PATH: join(memoryDirectory, `session-${index + 1}.jsonl`) },
            }
          : EVERYTHING_COMMAND;
      const recorded = await recordScenario(scenario, specs[scenario.spec], command, servers[scenario.spec]);
      records.push(recorded.record);
      failures.push(...recorded.failures.map((failure) => `session ${index + 1}, ${failure}`));
    }

    if (failures.length > 0) {
      console.error(`Not written: ${failures.length} check(s) failed:\n${failures.join('\n')}`);
      process.exitCode = 1;
      return;
    }
    await writeFile(SPEC_FILE, `${JSON.stringify(specs.everything, null, 2)}\n`, 'utf8');
    await formatWithBiome(SPEC_FILE);
    await writeSessionFile(SESSIONS_FILE, records);
    console.log(
      `wrote ${SPEC_FILE} (${everything.tools.length} tools) and ${records.length} sessions to ${SESSIONS_FILE}`,
    );
  } finally {
    await rm(memoryDirectory, { recursive: true, force: true });
  }
}

await main();
