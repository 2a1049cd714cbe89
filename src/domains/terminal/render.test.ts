import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTerminalAction } from './dialects/terminus/actions.js';
import { renderTerminalAction } from './render.js';

describe('renderTerminalAction', () => {
  it('prints the normalised array as 2-space JSON in a json fence, duration always present', () => {
    const action = parseTerminalAction([{ duration: 0.5, keystrokes: 'cd /tmp\n' }, { keystrokes: 'C-c' }]);
    assert.equal(
      renderTerminalAction(action),
      [
        '```json',
        '[',
        '  {',
        '    "keystrokes": "cd /tmp\\n",',
        '    "duration": 0.5',
        '  },',
        '  {',
        '    "keystrokes": "C-c",',
        '    "duration": 1',
        '  }',
        ']',
        '```',
      ].join('\n'),
    );
  });

  it('renders completion as an empty array', () => {
    assert.equal(renderTerminalAction([]), '```json\n[]\n```');
  });

  it('uses a longer fence when the keystrokes contain backticks', () => {
    const rendered = renderTerminalAction(parseTerminalAction([{ keystrokes: 'echo ```\n' }]));
    assert.ok(rendered.startsWith('````json\n'));
    assert.ok(rendered.endsWith('\n````'));
  });
});
