import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { AgentWorldError } from '../../core/errors.js';
import { mcpDomain } from '../../domains/mcp/index.js';
import { searchDomain } from '../../domains/search/index.js';
import { parseWorldSpec } from '../../session/create-env.js';
import { toJsonRpcError } from './json-rpc-errors.js';

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

describe('toJsonRpcError', () => {
  it('re-raises the mcp domain unknown-tool error as the real server McpError', () => {
    const error = toJsonRpcError(thrownBy(() => mcpDomain.parseAction({ name: 'sub', arguments: {} }, spec)));
    assert.equal(error.code, ErrorCode.InvalidParams);
    assert.equal(error.message, 'MCP error -32602: Tool sub not found');
    assert.equal(error.data, undefined);
  });

  it('re-raises invalid arguments with the real server text', () => {
    const error = toJsonRpcError(thrownBy(() => mcpDomain.parseAction({ name: 'add', arguments: {} }, spec)));
    assert.equal(error.code, ErrorCode.InvalidParams);
    assert.match(
      error.message,
      /^MCP error -32602: Input validation error: Invalid arguments for tool add: /,
    );
  });

  it('maps the search domain request errors to Invalid params', () => {
    const search = parseWorldSpec({ domain: 'search' });
    const unknown = toJsonRpcError(
      thrownBy(() => searchDomain.parseAction({ name: 'browse', arguments: {} }, search)),
    );
    assert.equal(unknown.code, ErrorCode.InvalidParams);
    const invalid = toJsonRpcError(
      thrownBy(() => searchDomain.parseAction({ name: 'web_extractor', arguments: { url: 3 } }, search)),
    );
    assert.equal(invalid.code, ErrorCode.InvalidParams);
    assert.equal((invalid.data as { code: string }).code, 'INVALID_ARGUMENTS');
  });

  it('turns infrastructure failures into internal errors carrying our code', () => {
    const down = new AgentWorldError('ENGINE_UNAVAILABLE', 'connect ECONNREFUSED 127.0.0.1:9', {
      details: { attempts: 1 },
    });
    const error = toJsonRpcError(down);
    assert.equal(error.code, ErrorCode.InternalError);
    assert.equal(error.message, 'MCP error -32603: ENGINE_UNAVAILABLE: connect ECONNREFUSED 127.0.0.1:9');
    assert.deepEqual(error.data, { code: 'ENGINE_UNAVAILABLE', retryable: true, details: { attempts: 1 } });
    assert.equal(toJsonRpcError(new Error('boom')).code, ErrorCode.InternalError);
    assert.equal(
      toJsonRpcError(new AgentWorldError('INVALID_REQUEST', 'maxTurns')).code,
      ErrorCode.InvalidRequest,
    );
  });

  it('passes an McpError through unchanged', () => {
    const original = new McpError(ErrorCode.MethodNotFound, 'nope');
    assert.equal(toJsonRpcError(original), original);
  });
});
