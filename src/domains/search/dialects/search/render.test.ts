import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorldSpecSchema } from '../../../../core/world-spec.js';
import { parseSearchAction } from './actions.js';
import { renderSearchAction, renderUncheckedSearchAction } from './render.js';

const spec = WorldSpecSchema.parse({ domain: 'search' });

describe('renderSearchAction', () => {
  it('prints the call as 2-space JSON in a json fence, name first', () => {
    const action = parseSearchAction(
      { arguments: { queries: ['Merdeka 118 height', 'Shanghai Tower'] }, name: 'web_search' },
      spec,
    );
    assert.equal(
      renderSearchAction(action, spec),
      [
        '```json',
        '{',
        '  "name": "web_search",',
        '  "arguments": {',
        '    "queries": [',
        '      "Merdeka 118 height",',
        '      "Shanghai Tower"',
        '    ]',
        '  }',
        '}',
        '```',
      ].join('\n'),
    );
  });

  it('uses a longer fence when an argument holds backticks', () => {
    const action = parseSearchAction(
      { name: 'dict_memory', arguments: { operation: 'add', dict: { note: '```x```' } } },
      spec,
    );
    const text = renderSearchAction(action, spec);
    assert.ok(text.startsWith('````json\n'));
    assert.ok(text.endsWith('\n````'));
  });

  it('renders an unchecked action normalised when valid and as given otherwise', () => {
    assert.equal(
      renderUncheckedSearchAction('{"arguments":{"url":"https://a.org"},"name":"web_extractor"}', spec),
      '```json\n{\n  "name": "web_extractor",\n  "arguments": {\n    "url": "https://a.org"\n  }\n}\n```',
    );
    assert.equal(renderUncheckedSearchAction({ name: 'nope' }, spec), '```json\n{\n  "name": "nope"\n}\n```');
  });
});
