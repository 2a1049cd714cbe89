import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { z } from 'zod';
import { AgentWorldError } from '../../../../core/errors.js';
import { type WorldSpecInput, WorldSpecSchema } from '../../../../core/world-spec.js';
import { parseSearchAction, searchActionSchemaFor } from './actions.js';
import { BUILT_IN_SEARCH_TOOLS } from './tools.js';

function specOf(extra: Partial<WorldSpecInput> = {}) {
  return WorldSpecSchema.parse({ domain: 'search', ...extra });
}

function expectError(run: () => unknown, code: string, path: string, messagePart?: string): AgentWorldError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof AgentWorldError, `expected AgentWorldError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    assert.equal(error.details.path, path, error.message);
    if (messagePart !== undefined) assert.ok(error.message.includes(messagePart), error.message);
    return error;
  }
  assert.fail('expected an error');
}

describe('parseSearchAction with the built-in tools', () => {
  const spec = specOf();

  it('accepts a single query and a batch', () => {
    assert.deepEqual(parseSearchAction({ name: 'web_search', arguments: { query: 'tallest tower' } }, spec), {
      name: 'web_search',
      arguments: { query: 'tallest tower' },
    });
    assert.deepEqual(parseSearchAction({ name: 'web_search', arguments: { queries: ['a', 'b'] } }, spec), {
      name: 'web_search',
      arguments: { queries: ['a', 'b'] },
    });
  });

  it('accepts the call as JSON text and arguments as JSON text, and drops unknown envelope keys', () => {
    const action = parseSearchAction(
      JSON.stringify({
        id: 'call_1',
        name: 'web_extractor',
        arguments: JSON.stringify({ goal: 'height', url: 'https://x.org' }),
      }),
      spec,
    );
    assert.deepEqual(action, { name: 'web_extractor', arguments: { url: 'https://x.org', goal: 'height' } });
    assert.deepEqual(Object.keys(action.arguments), ['url', 'goal'], 'arguments are put in schema order');
  });

  it('accepts every memory operation with the arguments it needs', () => {
    const calls = [
      { operation: 'add', dict: { city: 'Dubai' } },
      { operation: 'update', dict: { city: 'Abu Dhabi' } },
      { operation: 'retrieve', key_list: ['city'] },
      { operation: 'retrieve_all' },
      { operation: 'remove', key_list: ['city'] },
      { operation: 'remove_all' },
    ];
    for (const args of calls) {
      assert.deepEqual(parseSearchAction({ name: 'dict_memory', arguments: args }, spec).arguments, args);
    }
  });

  it('rejects text that is not JSON with the parse message', () => {
    const error = expectError(
      () => parseSearchAction('{"name": "web_search",', spec),
      'INVALID_ACTION',
      '$',
      'not valid JSON',
    );
    assert.match(error.message, /JSON/);
  });

  it('rejects malformed envelopes with the path of the bad field', () => {
    expectError(() => parseSearchAction({ arguments: {} }, spec), 'INVALID_ACTION', '$.name');
    expectError(() => parseSearchAction([{ name: 'web_search' }], spec), 'INVALID_ACTION', '$');
    expectError(
      () => parseSearchAction({ name: 'web_search', arguments: [1] }, spec),
      'INVALID_ACTION',
      '$.arguments',
    );
    expectError(
      () => parseSearchAction({ name: 'web_search', arguments: '{oops' }, spec),
      'INVALID_ACTION',
      '$.arguments',
    );
  });

  it('rejects unknown tools the way an MCP server names them', () => {
    const error = expectError(
      () => parseSearchAction({ name: 'browse', arguments: {} }, spec),
      'UNKNOWN_TOOL',
      '$.name',
    );
    assert.equal(error.message, 'Tool browse not found');
    assert.deepEqual(error.details.available, ['web_search', 'web_extractor', 'dict_memory']);
  });

  it('rejects bad arguments with INVALID_ARGUMENTS and a $.arguments path', () => {
    const call = (name: string, args: unknown) => () => parseSearchAction({ name, arguments: args }, spec);
    expectError(call('web_search', {}), 'INVALID_ARGUMENTS', '$.arguments.query');
    expectError(
      call('web_search', { query: 'a', queries: ['b'] }),
      'INVALID_ARGUMENTS',
      '$.arguments.queries',
    );
    expectError(call('web_search', { queries: [] }), 'INVALID_ARGUMENTS', '$.arguments.queries');
    expectError(call('web_search', { queries: ['ok', 7] }), 'INVALID_ARGUMENTS', '$.arguments.queries[1]');
    expectError(call('web_search', { query: 'a', limit: 5 }), 'INVALID_ARGUMENTS', '$.arguments', 'limit');
    expectError(call('web_extractor', { goal: 'x' }), 'INVALID_ARGUMENTS', '$.arguments.url');
    expectError(call('dict_memory', { operation: 'append' }), 'INVALID_ARGUMENTS', '$.arguments.operation');
    expectError(call('dict_memory', { operation: 'add' }), 'INVALID_ARGUMENTS', '$.arguments.dict');
    expectError(call('dict_memory', { operation: 'remove' }), 'INVALID_ARGUMENTS', '$.arguments.key_list');
    expectError(
      call('dict_memory', { operation: 'retrieve', key_list: 'city' }),
      'INVALID_ARGUMENTS',
      '$.arguments.key_list',
    );
  });

  it('has built-in JSON Schemas that agree with the zod schemas', () => {
    const ajv = new Ajv({ strict: false });
    const samples: Array<[string, unknown]> = [
      ['web_search', { query: 'a' }],
      ['web_search', { queries: ['a', 'b'] }],
      ['web_search', {}],
      ['web_search', { query: 'a', queries: ['b'] }],
      ['web_search', { query: '' }],
      ['web_search', { query: 'a', extra: 1 }],
      ['web_extractor', { url: 'https://a.org' }],
      ['web_extractor', { url: 'https://a.org', goal: 'g' }],
      ['web_extractor', { goal: 'g' }],
      ['dict_memory', { operation: 'retrieve_all' }],
      ['dict_memory', { operation: 'add', dict: { a: 1 } }],
      ['dict_memory', { operation: 'drop' }],
      ['dict_memory', { operation: 'remove', key_list: [1] }],
    ];
    for (const [name, args] of samples) {
      const tool = BUILT_IN_SEARCH_TOOLS.find((candidate) => candidate.name === name);
      assert.ok(tool);
      const jsonSchemaOk = ajv.validate(tool.inputSchema, args);
      let zodOk = true;
      try {
        parseSearchAction({ name, arguments: args }, spec);
      } catch {
        zodOk = false;
      }
      assert.equal(jsonSchemaOk, zodOk, `${name} ${JSON.stringify(args)}`);
    }
  });

  it('exposes an action schema that converts to JSON Schema', () => {
    const json = z.toJSONSchema(searchActionSchemaFor(spec), { io: 'input' }) as {
      oneOf?: unknown[];
      anyOf?: unknown[];
    };
    assert.equal((json.oneOf ?? json.anyOf)?.length, 3);
  });
});

describe('parseSearchAction with tools of the spec', () => {
  const spec = specOf({
    tools: [
      {
        name: 'search',
        inputSchema: {
          $schema: 'https://json-schema.org/draft/2020-12/schema',
          type: 'object',
          properties: { q: { type: 'string' }, top_k: { type: 'integer', minimum: 1 } },
          required: ['q'],
          additionalProperties: false,
        },
      },
      { name: 'fetch_page' },
    ],
  });

  it('replaces the built-in tools', () => {
    expectError(
      () => parseSearchAction({ name: 'web_search', arguments: { query: 'a' } }, spec),
      'UNKNOWN_TOOL',
      '$.name',
    );
    assert.deepEqual(parseSearchAction({ name: 'search', arguments: { q: 'a', top_k: 3 } }, spec), {
      name: 'search',
      arguments: { q: 'a', top_k: 3 },
    });
    assert.deepEqual(parseSearchAction({ name: 'fetch_page' }, spec), { name: 'fetch_page', arguments: {} });
  });

  it("validates arguments against the tool's JSON Schema", () => {
    expectError(
      () => parseSearchAction({ name: 'search', arguments: {} }, spec),
      'INVALID_ARGUMENTS',
      '$.arguments.q',
    );
    expectError(
      () => parseSearchAction({ name: 'search', arguments: { q: 'a', top_k: 0 } }, spec),
      'INVALID_ARGUMENTS',
      '$.arguments.top_k',
    );
    expectError(
      () => parseSearchAction({ name: 'search', arguments: { q: 'a', lang: 'en' } }, spec),
      'INVALID_ARGUMENTS',
      '$.arguments.lang',
    );
  });

  it('offers the tool names as the action schema', () => {
    const schema = searchActionSchemaFor(spec);
    assert.equal(schema.safeParse({ name: 'search', arguments: {} }).success, true);
    assert.equal(schema.safeParse({ name: 'web_search', arguments: {} }).success, false);
  });
});
