import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { fetchMcpServerTools } from '../../src/domains/mcp/index.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';

const ENTRY = 'src/cli/main.ts';
const FILESYSTEM = 'node_modules/@modelcontextprotocol/server-filesystem/dist/index.js';

interface FixtureCall {
  readonly title: string;
  readonly result: Record<string, unknown>;
}
const FIXTURE = JSON.parse(await readFile('src/domains/mcp/dialects/mcp/fixtures.json', 'utf8')) as {
  servers: Array<{ id: string; calls: FixtureCall[] }>;
};
const REAL_FILESYSTEM = FIXTURE.servers.find((server) => server.id === 'filesystem')?.calls ?? [];

function realResult(title: string): string {
  const call = REAL_FILESYSTEM.find((entry) => entry.title === title);
  assert.ok(call, `the fixture has no filesystem call "${title}"`);
  return JSON.stringify(call.result);
}

/**
 * `agentworld mcp --mirror` of the real @modelcontextprotocol/server-filesystem, whose 14 tools all declare an
 * outputSchema: the official SDK client accepts a simulated successful call (it validates structuredContent),
 * and refused calls come back as the real server's isError results, their text prefixed once.
 */
describe('agentworld mcp --mirror (real @modelcontextprotocol/server-filesystem)', () => {
  let model: ScriptedModelServer;
  let home: string;
  let root: string;
  before(async () => {
    model = await startScriptedModelServer();
    home = await mkdtemp(join(tmpdir(), 'agentworld-mcp-mirror-fs-home-'));
    root = await mkdtemp(join(tmpdir(), 'agentworld-mcp-mirror-fs-root-'));
    await writeFile(join(root, 'hello.txt'), 'hello\n');
  });
  after(async () => {
    await model.close();
    await rm(home, { recursive: true, force: true });
    await rm(root, { recursive: true, force: true });
  });

  it('answers successful calls that the SDK client accepts, and refused calls as the real server does', async () => {
    const real = await fetchMcpServerTools({ command: process.execPath, args: [FILESYSTEM, root] });
    assert.equal(real.length, 14);
    assert.ok(real.every((tool) => tool.outputSchema !== undefined));
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
        FILESYSTEM,
        root,
      ],
      env: {
        ...(process.env as Record<string, string>),
        NO_COLOR: '1',
        AGENTWORLD_HOME: home,
        AGENTWORLD_MODEL_URL: model.url,
        AGENTWORLD_MODEL: model.model,
      },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'agentworld-mirror-fs-test', version: '1.0.0' });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      assert.deepEqual(tools, real);

      model.enqueue({ type: 'observation', observation: '[FILE] hello.txt\n[FILE] pixel.png' });
      const listing = await client.callTool({ name: 'list_directory', arguments: { path: root } });
      assert.equal(JSON.stringify(listing), realResult('directory listing'));

      model.enqueue({ type: 'observation', observation: 'hello' });
      const read = await client.callTool({
        name: 'read_text_file',
        arguments: { path: join(root, 'hello.txt') },
      });
      assert.deepEqual(read, {
        content: [{ type: 'text', text: 'hello' }],
        structuredContent: { content: 'hello' },
      });

      const unknown = await client.callTool({ name: 'no_such_tool', arguments: {} });
      assert.equal(JSON.stringify(unknown), realResult('unknown tool'));
      const invalid = await client.callTool({ name: 'read_text_file', arguments: {} });
      assert.equal(JSON.stringify(invalid), realResult('invalid arguments'));
    } finally {
      await client.close();
    }
  });
});
