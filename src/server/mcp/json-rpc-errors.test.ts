import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { AgentWorldError } from '../../core/errors.js';
import { mcpDomain } from '../../domains/mcp/index.js';
import { searchDomain } from '../../domains/search/index.js';
import { parseWorldSpec } from '../../session/create-env.js';
import { toJsonRpcError } from './json-rpc-errors.js';
import { toolErrorResultOf } from './tool-error-result.js';

const spec = parseWorldSpec({
  domain: 'mcp',
  tools: [
    {
      name: 'add',
      inputSchema: { type: 'object', properties: { a: { type: 'number' } }, required: ['a'] },
    },
  ],
});

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return assert.fail('expected a throw');
}

describe('toolErrorResultOf', () => {
  it('answers an unknown tool as McpServer does: an isError result with the real text, prefixed once', () => {
    const result = toolErrorResultOf(
      thrownBy(() => mcpDomain.parseAction({ name: 'sub', arguments: {} }, spec)),
    );
    assert.deepEqual(result, {
      content: [{ type: 'text', text: 'MCP error -32602: Tool sub not found' }],
      isError: true,
    });
  });

  it('answers invalid arguments with the real server text', () => {
    const result = toolErrorResultOf(
      thrownBy(() => mcpDomain.parseAction({ name: 'add', arguments: {} }, spec)),
    );
    assert.equal(result?.isError, true);
    assert.deepEqual(result?.content, [
      {
        type: 'text',
        text: 'MCP error -32602: Input validation error: Invalid arguments for tool add: Invalid input: expected number, received undefined at a',
      },
    ]);
  });

  it('answers the search domain request errors the same way', () => {
    const search = parseWorldSpec({ domain: 'search' });
    const unknown = toolErrorResultOf(
      thrownBy(() => searchDomain.parseAction({ name: 'browse', arguments: {} }, search)),
    );
    assert.deepEqual(unknown, {
      content: [{ type: 'text', text: 'MCP error -32602: Tool browse not found' }],
      isError: true,
    });
    const invalid = toolErrorResultOf(
      thrownBy(() => searchDomain.parseAction({ name: 'web_extractor', arguments: { url: 3 } }, search)),
    );
    assert.equal(invalid?.isError, true);
    assert.match(
      JSON.stringify(invalid?.content),
      /^\[\{"type":"text","text":"MCP error -32602: Invalid web_extractor arguments/,
    );
  });

  it('leaves infrastructure failures and the turn limit to JSON-RPC errors', () => {
    assert.equal(toolErrorResultOf(new AgentWorldError('ENGINE_UNAVAILABLE', 'down')), undefined);
    assert.equal(toolErrorResultOf(new AgentWorldError('INVALID_REQUEST', 'maxTurns')), undefined);
    assert.equal(toolErrorResultOf(new Error('boom')), undefined);
  });
});

describe('toJsonRpcError', () => {
  it('turns infrastructure failures into internal errors carrying our code, with one prefix on the client', () => {
    const down = new AgentWorldError('ENGINE_UNAVAILABLE', 'connect ECONNREFUSED 127.0.0.1:9', {
      details: { attempts: 1 },
    });
    const error = toJsonRpcError(down);
    assert.equal(error.code, ErrorCode.InternalError);
    // The SDK sends the message as it is; the client adds `MCP error -32603: ` once.
    assert.equal(error.message, 'ENGINE_UNAVAILABLE: connect ECONNREFUSED 127.0.0.1:9');
    assert.deepEqual(error.data, { code: 'ENGINE_UNAVAILABLE', retryable: true, details: { attempts: 1 } });
    assert.equal(toJsonRpcError(new Error('boom')).code, ErrorCode.InternalError);
    assert.equal(
      toJsonRpcError(new AgentWorldError('INVALID_REQUEST', 'maxTurns')).code,
      ErrorCode.InvalidRequest,
    );
  });

  it('keeps an McpError code and data, without its prefix', () => {
    const error = toJsonRpcError(new McpError(ErrorCode.MethodNotFound, 'nope', { a: 1 }));
    assert.equal(error.code, ErrorCode.MethodNotFound);
    assert.equal(error.message, 'nope');
    assert.deepEqual(error.data, { a: 1 });
  });
});
