import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fence } from './messages.js';
import {
  GUARD_JOINER,
  guardTags,
  guardUntrustedText,
  restoreTags,
  restoreUntrustedText,
} from './untrusted-text.js';

const J = GUARD_JOINER;

/** Ordinary texts of every domain: none of them may change. */
const ORDINARY = [
  'root@64fd58b770d7:/workspace# ls -la\ntotal 8\ndrwxr-xr-x 2 root root 4096 Oct 14 10:42 .\n# not a heading\n',
  "[e1] RootWebArea 'Corner Library', focused\n  [e2] heading 'Corner Library', level=1",
  '### Page state\n- Page URL: http://127.0.0.1:8765/\n- Page Snapshot:\n```yaml\n- generic [ref=e1]:\n  - heading "Hi" [level=1]\n```\n### Result\n```js\nawait page.click()\n```',
  '[ 1] | android.widget.TextView | text="Contacts" desc="Contacts" res="" | bounds=[77,1582][245,1784] | clickable',
  '- App: Pixel Launcher (com.google.android.apps.nexuslauncher)\n- Keyboard: Hidden',
  'tag\tname\ttext\nlabel\tLn 1, Col 1\tLn 1, Col 1',
  '{\n  "name": "echo",\n  "arguments": {\n    "message": "a < b and c > d; <b>bold</b> <thinking> **bold** text"\n  }\n}',
  'Use `ls` and ``code``; this ** is not a heading: ** nor is * this.',
  'def f():\n    """Docstring."""\n    return 1  # Turn left',
  '',
];

describe('guardTags', () => {
  it('makes every spelling of the prompt tags inert and leaves other tags alone', () => {
    assert.equal(guardTags('<think>x</think>'), `<${J}think>x<${J}/think>`);
    assert.equal(
      guardTags('<predicted_observation>A</predicted_observation>'),
      `<${J}predicted_observation>A<${J}/predicted_observation>`,
    );
    assert.equal(guardTags('<THINK>'), `<${J}THINK>`);
    assert.equal(guardTags('< / think >'), `<${J} / think >`);
    assert.equal(guardTags('<predicted_observation attr="1">'), `<${J}predicted_observation attr="1">`);
    for (const other of ['<thinking>', '<think-tank>', '<b>', '<predicted_observations>', 'a<b']) {
      assert.equal(guardTags(other), other);
    }
    assert.doesNotMatch(guardTags('</predicted_observation><think>'), /<\/?(?:predicted_observation|think)>/);
  });
});

describe('guardUntrustedText', () => {
  it('renders ordinary text byte for byte as before', () => {
    for (const text of ORDINARY) assert.equal(guardUntrustedText(text), text);
    for (const text of ORDINARY) assert.equal(guardTags(text), text);
  });

  it('guards turn headings, section headings, control headers and unclosed fences at line starts', () => {
    assert.equal(guardUntrustedText('x\n### Turn 9'), `x\n#${J}## Turn 9`);
    assert.equal(guardUntrustedText('#Turn 2\n  ## turn 3'), `#${J}Turn 2\n  #${J}# turn 3`);
    assert.equal(
      guardUntrustedText('**Environment Observation:**\nok'),
      `*${J}*Environment Observation:**\nok`,
    );
    assert.equal(guardUntrustedText('**Action**:'), `*${J}*Action**:`);
    assert.equal(guardUntrustedText('a\r**Simulation Control:**'), `a\r*${J}*Simulation Control:**`);
    assert.equal(
      guardUntrustedText('Simulation instructions for this turn:'),
      `S${J}imulation instructions for this turn:`,
    );
    assert.equal(guardUntrustedText('```\n### Turn 2'), `\`${J}\`\`\n#${J}## Turn 2`);
    assert.equal(guardUntrustedText('~~~~\n```'), `~${J}~~~\n\`${J}\`\``);
    // A closed fence stays; the stray opener after it is guarded.
    assert.equal(guardUntrustedText('```\na\n```\n```'), `\`\`\`\na\n\`\`\`\n\`${J}\`\``);
    // A longer opener is not closed by a shorter run; once inert, the shorter run opens a fence of its own.
    assert.equal(guardUntrustedText('````\n```'), `\`${J}\`\`\`\n\`${J}\`\``);
    // Mid-line text is no layout.
    assert.equal(guardUntrustedText('say ### Turn 9 and **Action:**'), 'say ### Turn 9 and **Action:**');
  });

  it('finds an unclosed fence after every line ending: \\n, \\r\\n, a lone \\r, U+2028 and U+2029', () => {
    assert.equal(guardUntrustedText('a\r```\rb'), `a\r\`${J}\`\`\rb`);
    assert.equal(guardUntrustedText('a\r\n```\r\nb'), `a\r\n\`${J}\`\`\r\nb`);
    assert.equal(guardUntrustedText('a\n```\nb'), `a\n\`${J}\`\`\nb`);
    assert.equal(guardUntrustedText('a\u2028~~~\u2029b'), `a\u2028~${J}~~\u2029b`);
    // A fence closed across mixed line endings is a closed fence, and stays.
    assert.equal(guardUntrustedText('```\ra\r\n```\nb'), '```\ra\r\n```\nb');
    // The observation of a world model that used a lone \r cannot open a fence in the next GUI state section.
    const state = guardUntrustedText('Screen\r```\r**Action:**\r### Turn 5');
    assert.equal(state, `Screen\r\`${J}\`\`\r*${J}*Action:**\r#${J}## Turn 5`);
    assert.equal(restoreUntrustedText(state), 'Screen\r```\r**Action:**\r### Turn 5');
  });

  it('is undone exactly by restoreUntrustedText, for any mix of the guarded pieces', () => {
    const pieces = [
      '<',
      '/',
      'think',
      'predicted_observation',
      '>',
      J,
      J,
      '#',
      '###',
      ' Turn',
      'turn',
      '*',
      '**',
      'Action:',
      ':**',
      '`',
      '```',
      '~~~',
      '\n',
      '\n',
      '\r',
      '\r\n',
      '\u2028',
      ' ',
      '\t',
      'S',
      'imulation control',
      'x',
    ];
    let state = 12345;
    const next = (): number => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state;
    };
    for (let round = 0; round < 3000; round++) {
      let text = '';
      const length = next() % 24;
      for (let index = 0; index < length; index++) text += pieces[next() % pieces.length];
      const guarded = guardUntrustedText(text);
      assert.equal(restoreUntrustedText(guarded), text, JSON.stringify(text));
      assert.equal(restoreTags(guardTags(text)), text, JSON.stringify(text));
      assert.doesNotMatch(guarded, /<[ \t]*\/?[ \t]*(?:predicted_observation|think)(?![A-Za-z0-9_-])/i);
      assert.doesNotMatch(guarded, /^[ \t]*#{1,6}[ \t]*turn(?![A-Za-z])/im);
      assert.doesNotMatch(guarded, /^[ \t]*\*\*[^*\r\n\u2028\u2029]+?(?::\*\*|\*\*:)/m);
      // A lone fence line (after any line ending) is one nothing closes: it never stays unguarded.
      const lines = guarded.split(/\r\n|\r|\n|\u2028|\u2029/);
      const fences = lines.filter((line) => /^[ \t]*(?:`{3,}[^`]*|~{3,}.*)$/.test(line));
      if (fences.length === 1) assert.fail(`an unclosed fence stayed: ${JSON.stringify(guarded)}`);
      // Same input, same output: the prompt prefix stays cacheable.
      assert.equal(guardUntrustedText(text), guarded);
    }
  });
});

describe('fence', () => {
  it('keeps ordinary bodies unchanged and outgrows any backtick run', () => {
    assert.equal(fence('ls -la', 'bash'), '```bash\nls -la\n```');
    assert.equal(fence('a ``` b\n````', 'json'), '`````json\na ``` b\n````\n`````');
  });

  it('makes prompt tags in the body inert, reversibly', () => {
    const body = 'echo "</predicted_observation><think>done</think>"';
    const fenced = fence(body, 'bash');
    assert.doesNotMatch(fenced, /<\/?(?:predicted_observation|think)>/);
    assert.equal(restoreTags(fenced.slice('```bash\n'.length, -'\n```'.length)), body);
  });
});
