import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

const ENTRY = 'src/cli/main.ts';
const MCP_SPEC = JSON.parse(await readFile('examples/mcp.json', 'utf8')) as { tools: unknown[] };

describe('agentworld mcp --http (spawned)', () => {
  it('serves streamable HTTP on a non-loopback address with an auth key, and stops on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        ENTRY,
        'mcp',
        'mcp',
        '--replay',
        'examples/sessions/mcp.jsonl',
        '--http',
        '--port',
        '0',
        '--host',
        '0.0.0.0',
      ],
      {
        env: { ...process.env, NO_COLOR: '1', AGENTWORLD_SERVER_KEYS: 'k1, k2' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const port = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /at http:\/\/0\.0\.0\.0:(\d+)\/mcp/.exec(stderr);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      child.once('exit', () => reject(new Error(`exited early: ${stderr}`)));
    });
    try {
      const url = new URL(`http://127.0.0.1:${port}/mcp`);
      const refused = await fetch(url, { method: 'POST', body: '{}' });
      assert.equal(refused.status, 401);
      const client = new Client({ name: 'agentworld-http-cli-test', version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(url, { requestInit: { headers: { authorization: 'Bearer k2' } } }),
      );
      try {
        assert.deepEqual((await client.listTools()).tools, MCP_SPEC.tools);
        const echo = await client.callTool({ name: 'echo', arguments: { message: 'Hello from AgentWorld' } });
        assert.deepEqual(echo.content, [{ type: 'text', text: 'Echo: Hello from AgentWorld' }]);
      } finally {
        await client.close();
      }
    } finally {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = (await exited) as [number | null];
      assert.equal(code, 0);
    }
    assert.equal(stdout, '');
  });
});
