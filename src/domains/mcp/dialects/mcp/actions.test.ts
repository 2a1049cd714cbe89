import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { type AgentWorldError, isAgentWorldError } from '../../../../core/errors.js';
import { type WorldSpec, WorldSpecSchema } from '../../../../core/world-spec.js';
import { mcpActionSchema, normalizeMcpAction, parseMcpAction } from './actions.js';

const exampleSpec: WorldSpec = WorldSpecSchema.parse(
  JSON.parse(readFileSync(new URL('../../../../../examples/mcp.json', import.meta.url), 'utf8')),
);

function thrown(run: () => unknown): AgentWorldError {
  try {
    run();
  } catch (error) {
    assert.ok(isAgentWorldError(error), `expected an AgentWorldError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to throw');
}

describe('mcp actions: accepted forms', () => {
  it('accepts the canonical object and defaults arguments to {}', () => {
    assert.deepEqual(parseMcpAction({ name: 'echo', arguments: { message: 'hi' } }, exampleSpec), {
      name: 'echo',
      arguments: { message: 'hi' },
    });
    assert.deepEqual(parseMcpAction({ name: 'get-tiny-image' }, exampleSpec), {
      name: 'get-tiny-image',
      arguments: {},
    });
  });

  it('accepts the same call as JSON text', () => {
    assert.deepEqual(parseMcpAction('{"name":"get-sum","arguments":{"a":1,"b":2}}', exampleSpec), {
      name: 'get-sum',
      arguments: { a: 1, b: 2 },
    });
  });

  it('normalises a JSON-RPC tools/call request', () => {
    const request = {
      jsonrpc: '2.0',
      id: 7,
      method: 'tools/call',
      params: { name: 'get-structured-content', arguments: { location: 'Chicago' } },
    };
    assert.deepEqual(parseMcpAction(request, exampleSpec), {
      name: 'get-structured-content',
      arguments: { location: 'Chicago' },
    });
    assert.deepEqual(parseMcpAction(JSON.stringify(request), exampleSpec).name, 'get-structured-content');
  });

  it('normalises an OpenAI tool call whose arguments are a JSON string (empty string = no arguments)', () => {
    assert.deepEqual(
      parseMcpAction(
        { id: 'call_1', type: 'function', function: { name: 'get-sum', arguments: '{"a":2,"b":3}' } },
        exampleSpec,
      ),
      { name: 'get-sum', arguments: { a: 2, b: 3 } },
    );
    assert.deepEqual(parseMcpAction({ function: { name: 'get-env', arguments: '' } }, exampleSpec), {
      name: 'get-env',
      arguments: {},
    });
  });

  it('normalises an Anthropic tool_use block', () => {
    assert.deepEqual(
      parseMcpAction({ type: 'tool_use', id: 'toolu_1', name: 'echo', input: { message: 'x' } }, exampleSpec),
      { name: 'echo', arguments: { message: 'x' } },
    );
  });

  it('keeps extra, undeclared arguments (the real server accepts them too)', () => {
    assert.deepEqual(
      parseMcpAction({ name: 'echo', arguments: { message: 'hi', extra: 1 } }, exampleSpec).arguments,
      {
        message: 'hi',
        extra: 1,
      },
    );
  });
});

describe('mcp actions: malformed input is INVALID_ACTION with a path', () => {
  const cases: Array<{ title: string; input: unknown; path: string }> = [
    { title: 'missing name', input: { arguments: {} }, path: '$.name' },
    { title: 'empty name', input: { name: '' }, path: '$.name' },
    {
      title: 'arguments that are not an object',
      input: { name: 'echo', arguments: ['hi'] },
      path: '$.arguments',
    },
    { title: 'a misspelt key', input: { name: 'echo', args: { message: 'hi' } }, path: '$' },
    { title: 'not an object', input: 42, path: '$' },
    {
      title: 'a JSON-RPC request for another method',
      input: { jsonrpc: '2.0', id: 1, method: 'tools/list', params: { name: 'echo' } },
      path: '$.method',
    },
    {
      title: 'a JSON-RPC request without a tool name',
      input: { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { arguments: {} } },
      path: '$.params.name',
    },
    {
      title: 'OpenAI arguments that are not JSON',
      input: { type: 'function', function: { name: 'echo', arguments: '{message:' } },
      path: '$.function.arguments',
    },
    {
      title: 'OpenAI arguments that are a JSON array',
      input: { type: 'function', function: { name: 'echo', arguments: '[1]' } },
      path: '$.function.arguments',
    },
  ];
  for (const { title, input, path } of cases) {
    it(title, () => {
      const error = thrown(() => parseMcpAction(input, exampleSpec));
      assert.equal(error.code, 'INVALID_ACTION');
      assert.equal(error.details.path, path);
      assert.match(error.message, /^Invalid mcp action/);
    });
  }

  it('text that is not JSON carries the JSON parser message', () => {
    let parserMessage = '';
    try {
      JSON.parse('{"name": "echo"');
    } catch (error) {
      parserMessage = (error as Error).message;
    }
    const error = thrown(() => parseMcpAction('{"name": "echo"', exampleSpec));
    assert.equal(error.code, 'INVALID_ACTION');
    assert.ok(error.message.includes(parserMessage), error.message);
  });
});

describe('mcp actions: tools and arguments are checked like the real server does', () => {
  it('an unknown tool is UNKNOWN_TOOL with the server text and JSON-RPC code', () => {
    const error = thrown(() => parseMcpAction({ name: 'no-such-tool' }, exampleSpec));
    assert.equal(error.code, 'UNKNOWN_TOOL');
    assert.equal(error.message, 'MCP error -32602: Tool no-such-tool not found');
    assert.equal(error.details.jsonRpcCode, -32602);
    assert.equal(error.details.jsonRpcMessage, 'Tool no-such-tool not found');
    assert.equal(error.details.tool, 'no-such-tool');
  });

  it('bad arguments are INVALID_ARGUMENTS listing every issue in the SDK wording', () => {
    const error = thrown(() => parseMcpAction({ name: 'get-sum', arguments: {} }, exampleSpec));
    assert.equal(error.code, 'INVALID_ARGUMENTS');
    assert.equal(
      error.message,
      'MCP error -32602: Input validation error: Invalid arguments for tool get-sum: ' +
        'Invalid input: expected number, received undefined at a\n' +
        'Invalid input: expected number, received undefined at b',
    );
    assert.equal(error.details.jsonRpcCode, -32602);
    assert.deepEqual(error.details.issues, [
      { path: '$.arguments.a', message: 'Invalid input: expected number, received undefined' },
      { path: '$.arguments.b', message: 'Invalid input: expected number, received undefined' },
    ]);
  });

  it('reports enum, range, format and null issues', () => {
    const message = (input: unknown): string => thrown(() => parseMcpAction(input, exampleSpec)).message;
    assert.match(
      message({ name: 'get-structured-content', arguments: { location: 'Paris' } }),
      /: Invalid option: expected one of "New York"\|"Chicago"\|"Los Angeles" at location$/,
    );
    assert.match(
      message({ name: 'get-resource-links', arguments: { count: 11 } }),
      /: Too big: expected number to be <=10 at count$/,
    );
    assert.match(
      message({ name: 'gzip-file-as-resource', arguments: { data: 'not a uri' } }),
      /: Invalid URL at data$/,
    );
    assert.match(
      message({ name: 'echo', arguments: { message: null } }),
      /: Invalid input: expected string, received null at message$/,
    );
  });

  it('validates nested paths and 2020-12 schemas, and passes tools whose schema cannot compile', () => {
    const spec = WorldSpecSchema.parse({
      domain: 'mcp',
      tools: [
        {
          name: 'tag_items',
          inputSchema: {
            $schema: 'https://json-schema.org/draft/2020-12/schema',
            type: 'object',
            properties: {
              items: {
                type: 'array',
                items: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] },
              },
            },
            required: ['items'],
            $defs: { unused: { type: 'string' } },
          },
        },
        {
          name: 'broken',
          inputSchema: { type: 'object', properties: { x: { $ref: '#/nowhere' } }, required: ['y'] },
        },
      ],
    });
    const error = thrown(() =>
      parseMcpAction({ name: 'tag_items', arguments: { items: [{ id: 1 }, { id: 1.5 }] } }, spec),
    );
    assert.equal(error.code, 'INVALID_ARGUMENTS');
    assert.match(error.message, /Invalid input: expected int, received number at items\[1\]\.id$/);
    assert.deepEqual(error.details.issues, [
      { path: '$.arguments.items[1].id', message: 'Invalid input: expected int, received number' },
    ]);
    assert.deepEqual(parseMcpAction({ name: 'broken', arguments: { x: 1 } }, spec), {
      name: 'broken',
      arguments: { x: 1 },
    });
  });

  it('a spec without tools cannot parse calls (INVALID_SPEC)', () => {
    const spec = WorldSpecSchema.parse({ domain: 'mcp' });
    assert.equal(thrown(() => parseMcpAction({ name: 'echo' }, spec)).code, 'INVALID_SPEC');
    assert.deepEqual(normalizeMcpAction({ name: 'echo' }), { name: 'echo', arguments: {} });
  });
});

describe('mcp action schema', () => {
  it('limits the tool name to the spec tools and emits JSON Schema', () => {
    const schema = mcpActionSchema(exampleSpec);
    assert.equal(schema.safeParse({ name: 'echo', arguments: { message: 'x' } }).success, true);
    assert.equal(schema.safeParse({ name: 'nope' }).success, false);
    const json = z.toJSONSchema(schema, { io: 'input' }) as unknown as {
      properties: { name: { enum: string[] } };
    };
    assert.equal(json.properties.name.enum.length, 13);
    assert.ok(json.properties.name.enum.includes('get-sum'));
  });
});
