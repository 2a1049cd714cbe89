import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderMcpAction } from './render.js';

describe('renderMcpAction', () => {
  it('prints name then arguments as 2-space JSON in a json fence', () => {
    assert.equal(
      renderMcpAction({ name: 'get-sum', arguments: { a: 2, b: 5 } }),
      '```json\n{\n  "name": "get-sum",\n  "arguments": {\n    "a": 2,\n    "b": 5\n  }\n}\n```',
    );
  });

  it('prints empty arguments as {}', () => {
    assert.equal(
      renderMcpAction({ name: 'read_graph', arguments: {} }),
      '```json\n{\n  "name": "read_graph",\n  "arguments": {}\n}\n```',
    );
  });

  it('uses a longer fence when an argument contains backticks', () => {
    const rendered = renderMcpAction({ name: 'echo', arguments: { message: 'run ```ls```' } });
    assert.ok(rendered.startsWith('````json\n'));
    assert.ok(rendered.endsWith('\n````'));
  });
});
