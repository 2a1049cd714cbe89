import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CLAUDE_READ_REMINDER,
  renderClaudeEditUpdated,
  renderClaudeRead,
} from './dialects/claude-code/index.js';
import { parseShellEnvelope, renderGeminiShellEnvelope } from './dialects/gemini-cli/index.js';
import { parseMiniSweResult, renderMiniSweObservation } from './dialects/mini-swe-agent/index.js';
import { renderSweAgentView } from './dialects/swe-agent/index.js';
import { diffSweObservations, parseSweObservation } from './observation-parse.js';

describe('swe observation formats', () => {
  it('renders and parses Claude Code numbered reads', () => {
    // 2.0.77 splits on \r?\n, so a final newline shows a last empty line; the malware reminder follows.
    const text = renderClaudeRead('import os\n\nprint(os.getcwd())\n');
    assert.equal(
      text,
      `     1→import os\n     2→\n     3→print(os.getcwd())\n     4→${CLAUDE_READ_REMINDER}`,
    );
    const node = parseSweObservation(text);
    assert.equal(node.kind, 'numbered-lines');
    assert.ok(node.kind === 'numbered-lines');
    assert.equal(node.style, 'arrow');
    assert.deepEqual(node.lines[2], { number: 3, text: 'print(os.getcwd())' });
    assert.deepEqual(node.lines[3], { number: 4, text: '' });
    assert.equal(node.lines.length, 4);
    assert.match(node.trailer, /<system-reminder>\nWhenever you read a file/);
  });

  it('parses swe-agent views as tab-numbered with a header', () => {
    const node = parseSweObservation(renderSweAgentView('/testbed/a.py', 'x = 1\ny = 2\n'));
    assert.ok(node.kind === 'numbered-lines');
    assert.equal(node.style, 'tab');
    assert.equal(node.header, "Here's the result of running `cat -n` on /testbed/a.py:");
    // The editor numbers every newline-separated line: a final newline shows an empty third line.
    assert.deepEqual(node.lines[2], { number: 3, text: '' });
  });

  it('renders the gemini-cli shell envelope with (none) and parses multi-line output back', () => {
    const text = renderGeminiShellEnvelope({
      command: 'ls',
      output: 'a\nb\n',
      exitCode: 0,
      processGroup: 4242,
    });
    assert.equal(
      text,
      'Command: ls\nDirectory: (root)\nOutput: a\nb\nError: (none)\nExit Code: 0\nSignal: (none)\nBackground PIDs: (none)\nProcess Group PGID: 4242',
    );
    const node = parseShellEnvelope(text);
    assert.equal(node?.fields.Output, 'a\nb');
    assert.equal(node?.fields['Exit Code'], '0');
    assert.equal(node?.fields['Process Group PGID'], '4242');
  });

  it('elides mini-swe-agent outputs of 10,000 code points or more to head and tail', () => {
    assert.equal(renderMiniSweObservation(0, 'hi\n'), '<returncode>0</returncode>\n<output>\nhi\n</output>');
    const long = `${'a'.repeat(6000)}${'b'.repeat(6000)}`;
    const text = renderMiniSweObservation(1, long);
    const node = parseMiniSweResult(text);
    assert.equal(node?.returncode, 1);
    assert.equal(node?.head, 'a'.repeat(5000));
    assert.equal(node?.tail, 'b'.repeat(5000));
    assert.equal(node?.elidedChars, 2000);
    assert.equal(node?.output, undefined);
    assert.equal(renderMiniSweObservation(0, 'x'.repeat(9_999)).includes('<output_head>'), false);
    assert.equal(renderMiniSweObservation(0, 'x'.repeat(10_000)).includes('</warning><output_head>\n'), true);
    // Python counts code points: 9,999 astral characters (19,998 UTF-16 units) are still shown whole.
    assert.equal(renderMiniSweObservation(0, '😀'.repeat(9_999)).includes('<output>'), true);
  });

  it('diffs two views line by line and two envelopes field by field', () => {
    const before = renderClaudeRead('a\nb\nc');
    const after = renderClaudeEditUpdated('/p/f', 'a\nb\nc', 'b\nc', 'B\nc\nd');
    const diff = diffSweObservations(before, after);
    assert.equal(diff.sameKind, true);
    assert.deepEqual(diff.changedLines, [2]);
    assert.deepEqual(diff.addedLines, [4]);
    assert.deepEqual(diff.removedLines, []);
    const one = renderGeminiShellEnvelope({ command: 'ls', output: 'a', exitCode: 0 });
    const two = renderGeminiShellEnvelope({ command: 'ls', output: 'a', exitCode: 2, error: 'boom' });
    assert.deepEqual(diffSweObservations(one, two).changedFields, ['Error', 'Exit Code']);
    assert.equal(diffSweObservations(one, one).unchanged, true);
    assert.equal(diffSweObservations(one, before).sameKind, false);
  });
});
