import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { type SessionRecord, SessionRecordSchema } from '../../src/core/turn.js';
import { sweTools } from '../../src/domains/swe/index.js';
import { createReplayEngine } from '../../src/engines/replay/index.js';
import {
  type McpHttpServer,
  prepareSimulatedWorld,
  type SimulatedWorld,
  startMcpHttpServer,
} from '../../src/server/mcp/index.js';
import { parseWorldSpec } from '../../src/session/create-env.js';

const recordings = (await readFile('examples/sessions/swe.jsonl', 'utf8'))
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => SessionRecordSchema.parse(JSON.parse(line)));

/** The recorded claude-code session: its tool calls replay through the MCP surface. */
const recorded = recordings.find((record) => record.spec.dialect === 'claude-code') as SessionRecord;

describe('MCP server surface for a swe world (claude-code tools)', () => {
  let world: SimulatedWorld;
  let server: McpHttpServer;
  before(async () => {
    assert.ok(recorded, 'a recorded claude-code session');
    const engine = await createReplayEngine({ sessions: recordings });
    world = await prepareSimulatedWorld(recorded.spec, { engine, seed: recorded.seed });
    server = await startMcpHttpServer(world, {});
  });
  after(async () => {
    await server.close();
    await world.engine.close();
  });

  it("lists the dialect's tools and answers a recorded call with the recorded text", async () => {
    const client = new Client({ name: 'agentworld-test', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url)));
    try {
      const { tools } = await client.listTools();
      assert.deepEqual(
        tools.map((tool) => tool.name),
        sweTools(parseWorldSpec(recorded.spec)).map((tool) => tool.name),
      );
      const first = recorded.turns[0];
      assert.ok(first);
      const action = first.action as { name: string; arguments: unknown };
      const args = typeof action.arguments === 'string' ? JSON.parse(action.arguments) : action.arguments;
      const result = await client.callTool({ name: action.name, arguments: args as Record<string, unknown> });
      assert.deepEqual(result.content, [{ type: 'text', text: first.observation }]);
      // Refused as McpServer refuses a call: an isError result, not a JSON-RPC error.
      const unknown = await client.callTool({ name: 'run_shell_command', arguments: { command: 'ls' } });
      assert.equal(unknown.isError, true, 'a gemini-cli tool in a claude-code world must be refused');
      assert.match(JSON.stringify(unknown.content), /"text":"MCP error -32602: /);
    } finally {
      await client.close();
    }
  });
});
