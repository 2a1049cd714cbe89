import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plainText, snippetOf } from './snippet.js';

describe('snippets', () => {
  it('reduce Markdown to one line of running text', () => {
    assert.equal(
      plainText('# Title\n\n- **bold** item\n- `code` | cell |\n\n```sh\nls -l\n```\n> quoted'),
      'Title bold item code cell ls -l quoted',
    );
  });

  it('show the stretch holding the most query words, cut at word boundaries', () => {
    const text = `${'Unrelated words fill the start of this page. '.repeat(10)}The keeper lights the lamp at dusk. ${'More filler text follows here. '.repeat(10)}`;
    const snippet = snippetOf(text, ['keeper', 'lamp']);
    assert.ok(snippet.startsWith('...'));
    assert.ok(snippet.endsWith('...'));
    assert.match(snippet, /The keeper lights the lamp at dusk\./);
    assert.ok(snippet.length <= 246);
  });

  it('start at the beginning of the text when nothing matches', () => {
    assert.equal(snippetOf('A short page.', ['absent']), 'A short page.');
  });
});
