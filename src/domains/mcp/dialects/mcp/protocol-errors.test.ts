import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isAgentWorldError } from '../../../../core/errors.js';
import { type WorldSpec, WorldSpecSchema } from '../../../../core/world-spec.js';
import { listAllTools } from '../../fetch-tools.js';
import { connectMcpServer, type McpServerConnection } from '../../server-connection.js';
import { parseMcpAction } from './actions.js';
import { callToolResultToObservation } from './presentation.js';

/**
 * Our UNKNOWN_TOOL / INVALID_ARGUMENTS messages against the answers of the real reference server: each bad call
 * goes to @modelcontextprotocol/server-everything over stdio, and the text the server returns must equal the
 * message we raise for the same call.
 */
describe('protocol errors mirror the real MCP server', () => {
  let connection: McpServerConnection;
  let spec: WorldSpec;

  before(async () => {
    connection = await connectMcpServer({
      command: process.execPath,
      args: ['node_modules/@modelcontextprotocol/server-everything/dist/index.js', 'stdio'],
    });
    spec = WorldSpecSchema.parse({ domain: 'mcp', tools: await listAllTools(connection) });
  });

  after(async () => {
    await connection.close();
  });

  const badCalls: Array<{ name: string; arguments: Record<string, unknown> }> = [
    { name: 'no-such-tool', arguments: {} },
    { name: 'echo', arguments: {} },
    { name: 'echo', arguments: { message: 5 } },
    { name: 'echo', arguments: { message: null } },
    { name: 'get-sum', arguments: {} },
    { name: 'get-sum', arguments: { a: 'x', b: 5 } },
    { name: 'get-structured-content', arguments: { location: 'Paris' } },
    { name: 'get-resource-links', arguments: { count: 0 } },
    { name: 'get-resource-links', arguments: { count: 11 } },
    { name: 'get-resource-reference', arguments: { resourceType: 'Other' } },
    { name: 'gzip-file-as-resource', arguments: { data: 'not a uri' } },
    { name: 'get-annotated-message', arguments: { messageType: 'warning', includeImage: 'yes' } },
  ];

  for (const call of badCalls) {
    it(`${call.name} ${JSON.stringify(call.arguments)}`, async () => {
      const result = await connection.client.callTool(call);
      assert.equal(result.isError, true, 'the real server rejects this call');
      const serverText = callToolResultToObservation(result);
      try {
        parseMcpAction(call, spec);
        assert.fail('parseMcpAction accepted a call the real server rejects');
      } catch (error) {
        assert.ok(isAgentWorldError(error));
        assert.equal(error.code, call.name === 'no-such-tool' ? 'UNKNOWN_TOOL' : 'INVALID_ARGUMENTS');
        assert.equal(error.message, serverText);
        assert.equal(error.details.jsonRpcCode, -32602);
      }
    });
  }

  it('accepts what the real server accepts', async () => {
    const good = [
      { name: 'echo', arguments: { message: 'hi', extra: true } },
      { name: 'get-sum', arguments: { a: -1.5, b: 2 } },
      { name: 'get-structured-content', arguments: { location: 'Los Angeles' } },
    ];
    for (const call of good) {
      const result = await connection.client.callTool(call);
      assert.notEqual(result.isError, true);
      assert.deepEqual(parseMcpAction(call, spec), call);
    }
  });
});
