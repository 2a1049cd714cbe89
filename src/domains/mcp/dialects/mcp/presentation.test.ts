import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { ToolDefinitionSchema } from '../../../../core/world-spec.js';
import { hasClearErrorSign, mayBeErrorMessage } from '../../error-signs.js';
import { callToolResultToObservation, toCallToolResult } from './presentation.js';

const weather = ToolDefinitionSchema.parse({
  name: 'get-structured-content',
  inputSchema: { type: 'object', properties: { location: { type: 'string' } } },
  outputSchema: {
    type: 'object',
    properties: { temperature: { type: 'number' }, conditions: { type: 'string' } },
    required: ['temperature', 'conditions'],
    additionalProperties: false,
    $schema: 'http://json-schema.org/draft-07/schema#',
  },
});
const createEntities = ToolDefinitionSchema.parse({
  name: 'create_entities',
  outputSchema: {
    type: 'object',
    properties: { entities: { type: 'array', items: { type: 'object', required: ['name'] } } },
    required: ['entities'],
  },
});
const echo = ToolDefinitionSchema.parse({ name: 'echo' });

describe('error signs', () => {
  it('recognises clear error signs', () => {
    for (const text of [
      'Error: Operation failed',
      "Error calling tool 'x': 1 validation error for call[x]",
      'MCP error -32602: Tool nope not found',
      'status: error\nmessage: the table is locked',
      '404 Not Found',
      'HTTP/1.1 503 Service Unavailable',
      'Access denied for user',
      'Permission denied: /etc/shadow',
      'Connection timed out after 30s',
      'ValueError: invalid literal for int()',
      'Traceback (most recent call last):\n  File "x.py"',
      '{"isError": true, "message": "boom"}',
      '{"error": {"code": 404, "message": "not found"}}',
      '{"status": "error", "detail": "quota"}',
      'Entity with name Acme not found',
      'File not found: notes.txt',
      'Table orders does not exist.',
    ]) {
      assert.equal(hasClearErrorSign(text), true, text);
    }
  });

  it('does not flag ordinary results', () => {
    for (const text of [
      'Echo: error handling works',
      'The sum of 2 and 5 is 7.',
      '404',
      '{"errors": [], "items": [1]}',
      '{"error": null, "data": {"id": 1}}',
      '{"error": "partial", "result": 3}',
      'Operation completed successfully',
      'No results found',
      'Searched 3 folders; 2 files not found in the archive were skipped',
      'entity not found',
      'Entity with name Acme not found\nbut a similar one exists: Acme Corp',
      '',
    ]) {
      assert.equal(hasClearErrorSign(text), false, text);
    }
  });

  it('lenient detection also accepts short failure sentences, never JSON', () => {
    assert.equal(mayBeErrorMessage('Entity with name Acme not found'), true);
    assert.equal(mayBeErrorMessage('[{"name": "not found"}]'), false);
    assert.equal(mayBeErrorMessage('Entities deleted successfully'), false);
  });
});

describe('toCallToolResult', () => {
  it('wraps plain text as one text block', () => {
    assert.deepEqual(toCallToolResult('Echo: hi', echo), {
      content: [{ type: 'text', text: 'Echo: hi' }],
      isError: false,
    });
  });

  it('marks clear errors and never adds structured content to them', () => {
    assert.deepEqual(toCallToolResult('Error: upstream timed out', weather), {
      content: [{ type: 'text', text: 'Error: upstream timed out' }],
      isError: true,
    });
  });

  it('adds structuredContent for JSON results of tools with an outputSchema', () => {
    const text = '{"temperature":36,"conditions":"Light rain"}';
    const result = toCallToolResult(text, weather);
    assert.deepEqual(result.structuredContent, { temperature: 36, conditions: 'Light rain' });
    assert.equal(result.isError, false);
    assert.equal(CallToolResultSchema.safeParse(result).success, true, 'a valid MCP CallToolResult');
  });

  it('wraps a bare field as the full structured result when that validates', () => {
    const result = toCallToolResult('[{"name":"Ada"}]', createEntities);
    assert.deepEqual(result.structuredContent, { entities: [{ name: 'Ada' }] });
  });

  it('adds no structuredContent that would fail the schema, and none for tools without one', () => {
    assert.equal(toCallToolResult('{"temperature":"hot"}', weather).structuredContent, undefined);
    assert.equal(toCallToolResult('Sunny and warm', weather).structuredContent, undefined);
    assert.equal(toCallToolResult('{"a":1}', echo).structuredContent, undefined);
    assert.equal(toCallToolResult('{"a":1}', undefined).structuredContent, undefined);
  });
});

describe('callToolResultToObservation', () => {
  it('joins content blocks as an agent reads them', () => {
    assert.equal(
      callToolResultToObservation({
        content: [
          { type: 'text', text: 'Here are 1 links:' },
          { type: 'resource_link', uri: 'demo://a', name: 'A' },
          { type: 'resource', resource: { uri: 'demo://b', text: 'B body' } },
        ],
      }),
      'Here are 1 links:\n{"type":"resource_link","uri":"demo://a","name":"A"}\nB body',
    );
  });

  it('uses structuredContent when there is no content, and keeps error text', () => {
    assert.equal(
      callToolResultToObservation({ content: [], structuredContent: { ok: true } }),
      '{"ok":true}',
    );
    assert.equal(
      callToolResultToObservation({
        content: [{ type: 'text', text: 'MCP error -32602: Tool x not found' }],
        isError: true,
      }),
      'MCP error -32602: Tool x not found',
    );
    assert.equal(callToolResultToObservation({}), '');
  });
});
