import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { fetchMcpServerTools } from '../../src/domains/mcp/index.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';

const run = promisify(execFile);
const ENTRY = 'src/cli/main.ts';
const EVERYTHING = ['node_modules/@modelcontextprotocol/server-everything/dist/index.js', 'stdio'];
const INSPECTOR = 'node_modules/.bin/mcp-inspector';
const MCP_SPEC = JSON.parse(await readFile('examples/mcp.json', 'utf8')) as { tools: unknown[] };

let home: string;
before(async () => {
  home = await mkdtemp(join(tmpdir(), 'agentworld-mcp-mirror-'));
});
after(() => rm(home, { recursive: true, force: true }));

describe('agentworld mcp --mirror (real @modelcontextprotocol/server-everything)', () => {
  let model: ScriptedModelServer;
  before(async () => {
    model = await startScriptedModelServer();
  });
  after(() => model.close());

  it('lists the same tools as the real server and simulates calls to them', async () => {
    const real = await fetchMcpServerTools({ command: process.execPath, args: EVERYTHING });
    const realClient = new Client({ name: 'agentworld-mirror-test', version: '1.0.0' });
    await realClient.connect(
      new StdioClientTransport({ command: process.execPath, args: EVERYTHING, stderr: 'pipe' }),
    );
    const realHandshake = {
      serverInfo: realClient.getServerVersion(),
      instructions: realClient.getInstructions(),
      tools: realClient.getServerCapabilities()?.tools,
    };
    await realClient.close();
    assert.ok(realHandshake.instructions !== undefined, 'server-everything sends instructions');
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [
        '--import',
        'tsx',
        ENTRY,
        'mcp',
        '--max-retries',
        '0',
        '--mirror',
        process.execPath,
        ...EVERYTHING,
      ],
      env: {
        ...(process.env as Record<string, string>),
        AGENTWORLD_HOME: home,
        AGENTWORLD_MODEL_URL: model.url,
        AGENTWORLD_MODEL: model.model,
      },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'agentworld-mirror-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      assert.ok(real.length > 0);
      assert.deepEqual(tools, real);
      assert.equal(client.getServerVersion()?.name, 'mcp-servers/everything');
      // The handshake as the real server's: name, version and title, its instructions, tools.listChanged.
      assert.deepEqual(
        {
          serverInfo: client.getServerVersion(),
          instructions: client.getInstructions(),
          tools: client.getServerCapabilities()?.tools,
        },
        realHandshake,
      );
      model.enqueue({ type: 'observation', observation: 'Echo: mirrored' });
      const echo = await client.callTool({ name: 'echo', arguments: { message: 'mirrored' } });
      assert.deepEqual(echo, { content: [{ type: 'text', text: 'Echo: mirrored' }] });
      // The world model was told about the mirrored tools.
      const messages = (model.completionBodies.at(-1)?.messages ?? []) as Array<{ content: string }>;
      const system = messages[0]?.content ?? '';
      assert.match(system, /get-structured-content/);
    } finally {
      await client.close();
    }
  });
});

describe('the MCP Inspector CLI against agentworld mcp', {
  skip: !existsSync(INSPECTOR) && 'mcp-inspector is not installed',
}, () => {
  const server = [
    process.execPath,
    '--import',
    'tsx',
    ENTRY,
    'mcp',
    'examples/mcp.json',
    '--replay',
    'examples/sessions/mcp.jsonl',
  ];
  const options = { env: { ...process.env, AGENTWORLD_HOME: home, NO_COLOR: '1' }, timeout: 600_000 };

  it('--method tools/list prints the spec tools', async () => {
    const { stdout } = await run(INSPECTOR, ['--cli', ...server, '--method', 'tools/list'], options);
    assert.deepEqual((JSON.parse(stdout) as { tools: unknown[] }).tools, MCP_SPEC.tools);
  });

  it('--method tools/call prints the recorded observation', async () => {
    const { stdout } = await run(
      INSPECTOR,
      [
        '--cli',
        ...server,
        '--method',
        'tools/call',
        '--tool-name',
        'echo',
        '--tool-arg',
        'message=Hello from AgentWorld',
      ],
      options,
    );
    assert.deepEqual(JSON.parse(stdout), {
      content: [{ type: 'text', text: 'Echo: Hello from AgentWorld' }],
    });
  });
});
