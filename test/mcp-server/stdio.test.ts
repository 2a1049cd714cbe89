import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { readSessionFile } from '../../src/session/index.js';
import { type ScriptedModelServer, startScriptedModelServer } from '../../src/testing/index.js';

const ENTRY = 'src/cli/main.ts';
const MCP_SPEC = JSON.parse(await readFile('examples/mcp.json', 'utf8')) as { tools: unknown[] };

interface Started {
  readonly client: Client;
  stderr(): string;
}

async function startClient(args: readonly string[], env: Record<string, string> = {}): Promise<Started> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', 'tsx', ENTRY, 'mcp', ...args],
    env: { ...(process.env as Record<string, string>), NO_COLOR: '1', ...env },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const client = new Client({ name: 'agentworld-stdio-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

async function rejection(promise: Promise<unknown>): Promise<McpError> {
  const error = await promise.then(
    () => assert.fail('expected a JSON-RPC error'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof McpError, `expected an McpError, got ${String(error)}`);
  return error;
}

describe('agentworld mcp over stdio (official SDK client, replay engine)', () => {
  let home: string;
  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'agentworld-mcp-stdio-'));
  });
  after(() => rm(home, { recursive: true, force: true }));

  it('lists the spec tools, replays the recorded calls and answers refused calls as isError results', async () => {
    const save = join(home, 'sessions.jsonl');
    const { client, stderr } = await startClient(
      ['examples/mcp.json', '--replay', 'examples/sessions/mcp.jsonl', '--seed', '5', '--save', save],
      { AGENTWORLD_HOME: home },
    );
    try {
      assert.equal(client.getServerVersion()?.name, 'mcp-servers/everything');
      const { tools } = await client.listTools();
      assert.deepEqual(tools, MCP_SPEC.tools);

      // Refused calls are isError results with the real server's text, prefixed once.
      const unknown = await client.callTool({ name: 'missing-tool', arguments: {} });
      assert.deepEqual(unknown, {
        content: [{ type: 'text', text: 'MCP error -32602: Tool missing-tool not found' }],
        isError: true,
      });
      const invalid = await client.callTool({ name: 'echo', arguments: { message: 42 } });
      assert.deepEqual(invalid, {
        content: [
          {
            type: 'text',
            text: 'MCP error -32602: Input validation error: Invalid arguments for tool echo: Invalid input: expected string, received number at message',
          },
        ],
        isError: true,
      });

      const echo = await client.callTool({ name: 'echo', arguments: { message: 'Hello from AgentWorld' } });
      assert.deepEqual(echo, { content: [{ type: 'text', text: 'Echo: Hello from AgentWorld' }] });
      const sum = await client.callTool({ name: 'get-sum', arguments: { a: 2, b: 5 } });
      assert.deepEqual(sum.content, [{ type: 'text', text: 'The sum of 2 and 5 is 7.' }]);
      const weather = await client.callTool({
        name: 'get-structured-content',
        arguments: { location: 'Chicago' },
      });
      assert.deepEqual(weather.structuredContent, {
        temperature: 36,
        conditions: 'Light rain / drizzle',
        humidity: 82,
      });
      const failed = await client.callTool({
        name: 'get-annotated-message',
        arguments: { messageType: 'error' },
      });
      // The recording keeps the real result: its annotations, and no isError (the real server sends none).
      assert.deepEqual(failed, {
        content: [
          {
            type: 'text',
            text: 'Error: Operation failed',
            annotations: { audience: ['user', 'assistant'], priority: 1 },
          },
        ],
      });
    } finally {
      await client.close();
    }
    assert.match(stderr(), /simulating 13 tools of "example-mcp" \(mcp, engine replay\) over stdio/);
    // The finished session was saved with its four turns and the seed it was given.
    const [record] = await readSessionFile(save);
    assert.equal(record?.seed, 5);
    assert.deepEqual(
      record?.turns.map((turn) => turn.observation),
      [
        'Echo: Hello from AgentWorld',
        'The sum of 2 and 5 is 7.',
        '{"temperature":36,"conditions":"Light rain / drizzle","humidity":82}',
        'Error: Operation failed',
      ],
    );
  });

  describe('with the lwm engine against the scripted model server', () => {
    let model: ScriptedModelServer;
    before(async () => {
      model = await startScriptedModelServer();
    });
    after(() => model.close());

    it('returns predicted observations, and a JSON-RPC internal error while the model is down', async () => {
      const { client } = await startClient(['examples/mcp.json', '--max-retries', '0'], {
        AGENTWORLD_HOME: home,
        AGENTWORLD_MODEL_URL: model.url,
        AGENTWORLD_MODEL: model.model,
      });
      try {
        model.enqueue({ type: 'observation', observation: 'The sum of 40 and 2 is 42.' });
        const sum = await client.callTool({ name: 'get-sum', arguments: { a: 40, b: 2 } });
        assert.deepEqual(sum, { content: [{ type: 'text', text: 'The sum of 40 and 2 is 42.' }] });
        await model.setDown(true);
        const down = await rejection(client.callTool({ name: 'echo', arguments: { message: 'anyone?' } }));
        assert.equal(down.code, ErrorCode.InternalError);
        // Our infra failure, prefixed once by the client.
        assert.match(down.message, /^MCP error -32603: ENGINE_UNAVAILABLE: /);
        assert.equal((down.data as { code: string }).code, 'ENGINE_UNAVAILABLE');
      } finally {
        await model.setDown(false);
        await client.close();
      }
    });
  });

  it('refuses a spec of a domain it cannot serve, on stderr, with exit status 1', async () => {
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', ENTRY, 'mcp', 'terminal', '--replay', 'examples/sessions/terminal.jsonl'],
      {
        encoding: 'utf8',
        input: '',
        env: { ...process.env, NO_COLOR: '1', AGENTWORLD_HOME: home },
      },
    );
    assert.equal(run.status, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /UNSUPPORTED/);
  });
});
