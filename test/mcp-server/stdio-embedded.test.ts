/**
 * `agentworld mcp` over stdio with no model server configured (official SDK client): the server-memory world is
 * answered by the hybrid (server-memory's twin, then the embedded mcp model) by default and by the embedded mcp model
 * with `--engine local`; a world no embedded model fits still
 * lists its tools (the README's MCP Inspector command), and each call gets a JSON-RPC internal error saying how
 * to configure a model server.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { findBundledModel } from '../../src/engines/local/index.js';
import { nodeLlamaCppInstalled } from '../../src/engines/local/node-llama-cpp-probe.js';
import { readSessionFile } from '../../src/session/index.js';
import { cliEnvironment, REPO_ROOT, temporaryFolder } from '../cli/run-cli.js';

const llamaInstalled = await nodeLlamaCppInstalled();
const mcpModelShipped = findBundledModel('mcp') !== undefined;
const INSPECTOR = 'node_modules/.bin/mcp-inspector';

/** Runs `agentworld mcp ARGS` over stdio with none of the caller's AGENTWORLD_* variables. */
async function connect(args: readonly string[], home: string): Promise<{ client: Client; stderr(): string }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', 'tsx', 'src/cli/main.ts', 'mcp', ...args],
    cwd: REPO_ROOT,
    env: cliEnvironment({ NO_COLOR: '1' }, home) as Record<string, string>,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const client = new Client({ name: 'agentworld-stdio-embedded-test', version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr };
}

/** Lists the tools, then creates an entity and reads the graph back; returns the saved session's models. */
async function rememberAda(
  args: readonly string[],
  home: string,
): Promise<{ stderr: string; models: string[] }> {
  const save = join(home, `${args.join('-').replaceAll(/[^a-z-]/g, '')}.jsonl`);
  const { client, stderr } = await connect([...args, '--seed', '3', '--save', save], home);
  try {
    const { tools } = await client.listTools();
    assert.ok(tools.some((tool) => tool.name === 'read_graph'));
    assert.ok(tools.some((tool) => tool.name === 'create_entities'));
    const created = await client.callTool({
      name: 'create_entities',
      arguments: { entities: [{ name: 'Ada', entityType: 'person', observations: ['writes compilers'] }] },
    });
    assert.notEqual(created.isError, true, JSON.stringify(created));
    const graph = await client.callTool({ name: 'read_graph', arguments: {} });
    assert.notEqual(graph.isError, true, JSON.stringify(graph));
    const [content] = graph.content as Array<{ type: string; text: string }>;
    assert.equal(content?.type, 'text');
    assert.match(content?.text ?? '', /"Ada"/, 'the model remembers the entity it created');
  } finally {
    await client.close();
  }
  const [record] = await readSessionFile(save);
  return { stderr: stderr(), models: (record?.turns ?? []).map((turn) => String(turn.provenance.model)) };
}

describe('agentworld mcp over stdio without a model server', { concurrency: 2 }, () => {
  const folder = temporaryFolder('mcp-stdio-embedded');
  after(() => folder.remove());

  it('answers the server-memory world with the hybrid by default (its twin) and the embedded mcp model with --engine local', {
    skip:
      (!llamaInstalled && 'node-llama-cpp is not installed') ||
      (!mcpModelShipped && 'no models/agentworld-mcp.gguf'),
    timeout: 600_000,
  }, async () => {
    const [byDefault, local] = await Promise.all([
      rememberAda(['examples/mcp-memory.json'], folder.path),
      rememberAda(['examples/mcp-memory.json', '--engine', 'local'], folder.path),
    ]);
    assert.match(
      byDefault.stderr,
      /simulating 9 tools of "example-mcp-memory" \(mcp, engine hybrid \(mcp twin \+ agentworld-mcp\.gguf\), loaded at the first call\) over stdio/,
    );
    // server-memory's twin computes both results exactly: the model is never asked.
    assert.deepEqual(byDefault.models, ['mcp-memory-twin', 'mcp-memory-twin']);
    assert.match(
      local.stderr,
      /simulating 9 tools of "example-mcp-memory" \(mcp, engine local \(agentworld-mcp\.gguf\), loaded at the first call\) over stdio/,
    );
    assert.equal(local.models.length, 2);
    for (const model of local.models) assert.match(model, /^agentworld-mcp\.gguf@[0-9a-f]{12}$/);
  });

  it('serves the tools of a world no embedded model fits, and fails each call saying how to configure a server', {
    timeout: 120_000,
  }, async () => {
    const { client, stderr } = await connect(['examples/mcp.json'], folder.path);
    try {
      const { tools } = await client.listTools();
      assert.equal(tools.length, 13);
      const error = await client.callTool({ name: 'echo', arguments: { message: 'hi' } }).then(
        () => assert.fail('expected a JSON-RPC error'),
        (caught: unknown) => caught,
      );
      assert.ok(error instanceof McpError, String(error));
      assert.equal(error.code, ErrorCode.InternalError);
      assert.match(
        error.message,
        /CONFIG_INVALID: No world model for this world: the embedded mcp model cannot simulate/,
      );
      assert.match(error.message, /--model-url/);
    } finally {
      await client.close();
    }
    assert.match(
      stderr(),
      /\(mcp, no engine\) over stdio\nnote: every tools\/call will fail: No world model for this world/,
    );
  });

  it("runs the README's MCP Inspector command with no model server configured", {
    skip: !existsSync(INSPECTOR) && 'mcp-inspector is not installed',
    timeout: 120_000,
  }, async () => {
    const server = [process.execPath, '--import', 'tsx', 'src/cli/main.ts', 'mcp', 'examples/mcp.json'];
    const { stdout } = await promisify(execFile)(INSPECTOR, ['--cli', ...server, '--method', 'tools/list'], {
      cwd: REPO_ROOT,
      env: cliEnvironment({ NO_COLOR: '1' }, folder.path),
    });
    assert.equal((JSON.parse(stdout) as { tools: unknown[] }).tools.length, 13);
  });
});
