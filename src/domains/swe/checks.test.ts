import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckResult } from '../../core/turn.js';
import { parseWorldSpec } from '../../session/create-env.js';
import { parseSweAction } from './actions.js';
import { checkSweObservation } from './checks.js';
import {
  renderClaudeFileUpdated,
  renderClaudeRead,
  renderClaudeWriteCreated,
} from './dialects/claude-code/index.js';
import {
  renderGeminiReadFile,
  renderGeminiReplace,
  renderGeminiShellEnvelope,
  renderGeminiWriteFile,
  renderGeminiWriteTodos,
} from './dialects/gemini-cli/index.js';
import { renderMiniSweObservation } from './dialects/mini-swe-agent/index.js';
import { renderSweAgentView } from './dialects/swe-agent/index.js';
import { applySweTurn, createSweLedger, type SweLedger } from './ledger.js';

function world(dialect: string) {
  const spec = parseWorldSpec({ domain: 'swe', dialect, initialState: { data: { cwd: '/repo' } } });
  let ledger: SweLedger = createSweLedger(spec);
  return {
    /** Checks one turn, applies it, and returns the checks by id. */
    turn(input: unknown, observation: string): Record<string, CheckResult> {
      const action = parseSweAction(input, spec);
      const checks = checkSweObservation({ spec, turnIndex: ledger.turns + 1, action, ledger, observation });
      ledger = applySweTurn(ledger, action, observation, spec);
      return Object.fromEntries(checks.map((check) => [check.id, check]));
    },
    get ledger() {
      return ledger;
    },
  };
}

const CODE = 'def add(a, b):\n    return a + b\n';

describe('swe checks and ledger', () => {
  it('claude-code: a Read of a written and edited file must show what was written', () => {
    const w = world('claude-code');
    const write = { name: 'Write', arguments: { file_path: 'calc.py', content: CODE } };
    assert.equal(w.turn(write, renderClaudeWriteCreated('/repo/calc.py'))['envelope-format']?.status, 'pass');
    assert.equal(w.ledger.files['/repo/calc.py']?.content, CODE);
    const read = { name: 'Read', arguments: { file_path: '/repo/calc.py' } };
    assert.equal(w.turn(read, renderClaudeRead(CODE))['read-shows-written']?.status, 'pass');
    const wrong = w.turn(read, renderClaudeRead(CODE.replace('a + b', 'a - b')))['read-shows-written'];
    assert.equal(wrong?.status, 'fail');
    assert.match(wrong?.message ?? '', /line 2/);
    assert.equal(w.turn(read, 'File does not exist.')['read-shows-written']?.status, 'fail');

    const edited = CODE.replace('a + b', 'b + a');
    const edit = {
      name: 'Edit',
      arguments: { file_path: '/repo/calc.py', old_string: 'a + b', new_string: 'b + a' },
    };
    const editChecks = w.turn(edit, renderClaudeFileUpdated('/repo/calc.py', edited, 2));
    assert.equal(editChecks['edit-anchor']?.status, 'pass');
    assert.equal(editChecks['envelope-format']?.status, 'pass');
    assert.equal(w.ledger.files['/repo/calc.py']?.content, edited);
    assert.equal(w.turn(read, renderClaudeRead(edited))['read-shows-written']?.status, 'pass');
  });

  it('an Edit whose old_string is not in the known content is expected to fail', () => {
    const w = world('claude-code');
    w.turn(
      { name: 'Write', arguments: { file_path: '/repo/calc.py', content: CODE } },
      renderClaudeWriteCreated('/repo/calc.py'),
    );
    const edit = {
      name: 'Edit',
      arguments: { file_path: '/repo/calc.py', old_string: 'a * b', new_string: 'x' },
    };
    const right = w.turn(
      edit,
      '<tool_use_error>String to replace not found in file.\nString: a * b</tool_use_error>',
    )['edit-anchor'];
    assert.equal(right?.status, 'pass');
    assert.equal(w.ledger.files['/repo/calc.py']?.content, CODE);
    const wrong = w.turn(edit, renderClaudeFileUpdated('/repo/calc.py', CODE, 2))['edit-anchor'];
    assert.equal(wrong?.status, 'fail');
    // The world said the edit worked: the content is no longer known.
    assert.equal(w.ledger.files['/repo/calc.py'], undefined);
  });

  it('a shell command that may change a known file makes its content unknown (no false failures)', () => {
    const w = world('claude-code');
    w.turn(
      { name: 'Write', arguments: { file_path: '/repo/calc.py', content: CODE } },
      renderClaudeWriteCreated('/repo/calc.py'),
    );
    w.turn({ name: 'Bash', arguments: { command: "sed -i 's/a + b/a+b/' calc.py" } }, '');
    assert.equal(w.ledger.files['/repo/calc.py'], undefined);
    const checks = w.turn(
      { name: 'Read', arguments: { file_path: '/repo/calc.py' } },
      renderClaudeRead('x\n'),
    );
    assert.equal(checks['read-shows-written']?.status, 'skip');
    w.turn({ name: 'Bash', arguments: { command: 'cd src && ls 2>&1' } }, 'a.py');
    assert.equal(w.ledger.cwd, '/repo/src');
    w.turn(
      {
        name: 'TodoWrite',
        arguments: { todos: [{ content: 'fix add', status: 'in_progress', activeForm: 'Fixing add' }] },
      },
      'Todos have been modified successfully.',
    );
    assert.deepEqual(w.ledger.todos, [{ content: 'fix add', status: 'in_progress' }]);
  });

  it("claude-code: Read's warning past the end passes only when nothing is left from the offset on", () => {
    const w = world('claude-code');
    w.turn(
      { name: 'Write', arguments: { file_path: '/repo/calc.py', content: CODE } },
      renderClaudeWriteCreated('/repo/calc.py'),
    );
    const read = (offset: number) => ({ name: 'Read', arguments: { file_path: '/repo/calc.py', offset } });
    const warning = (offset: number, lines: number) =>
      `<system-reminder>Warning: the file exists but is shorter than the provided offset (${offset}). The file has ${lines} lines.</system-reminder>`;
    assert.equal(w.turn(read(10), renderClaudeRead(CODE, 10))['read-shows-written']?.status, 'pass');
    // Line 3 is the empty one after the final newline: nothing to show from there either.
    assert.equal(w.turn(read(3), warning(3, 3))['read-shows-written']?.status, 'pass');
    assert.equal(w.turn(read(2), warning(2, 3))['read-shows-written']?.status, 'fail');
    assert.equal(w.turn(read(10), warning(10, 7))['read-shows-written']?.status, 'fail');
    assert.equal(w.turn(read(10), warning(9, 3))['read-shows-written']?.status, 'fail');
  });

  it('gemini-cli: replace, read_file (whole and windowed) and write_todos keep the ledger', () => {
    const w = world('gemini-cli');
    const path = '/repo/calc.py';
    const buggy = 'def add(a, b):\n    return a - b\n';
    w.turn(
      { name: 'write_file', arguments: { file_path: path, content: buggy } },
      renderGeminiWriteFile(path, true),
    );
    const replace = (old_string: string, new_string: string) => ({
      name: 'replace',
      arguments: { file_path: path, instruction: 'Return the sum.', old_string, new_string },
    });
    const missing = renderGeminiReplace(path, buggy, { old_string: 'a * b', new_string: 'a + b' }).text;
    assert.equal(w.turn(replace('a * b', 'a + b'), missing)['edit-anchor']?.status, 'pass');
    assert.equal(w.ledger.files[path]?.content, buggy);
    const same = renderGeminiReplace(path, buggy, { old_string: 'a - b', new_string: 'a - b' }).text;
    w.turn(replace('a - b', 'a - b'), same);
    assert.equal(w.ledger.files[path]?.source, 'write');
    const fixed = renderGeminiReplace(path, buggy, { old_string: 'a - b', new_string: 'a + b' });
    assert.equal(w.turn(replace('a - b', 'a + b'), fixed.text)['edit-anchor']?.status, 'pass');
    assert.equal(w.ledger.files[path]?.content, CODE);
    const read = (args: Record<string, unknown> = {}) => ({
      name: 'read_file',
      arguments: { file_path: path, ...args },
    });
    assert.equal(w.turn(read(), renderGeminiReadFile(CODE))['read-shows-written']?.status, 'pass');
    assert.equal(w.turn(read(), renderGeminiReadFile(buggy))['read-shows-written']?.status, 'fail');
    const window = renderGeminiReadFile(CODE, 1, 1);
    assert.match(window, /Showing lines 2-2 of 3 total lines/);
    assert.equal(w.turn(read({ offset: 1, limit: 1 }), window)['read-shows-written']?.status, 'pass');
    const wrongWindow = renderGeminiReadFile(buggy, 1, 1);
    assert.equal(w.turn(read({ offset: 1, limit: 1 }), wrongWindow)['read-shows-written']?.status, 'fail');
    const created = renderGeminiReplace('/repo/new.py', undefined, { old_string: '', new_string: 'x = 1\n' });
    w.turn(
      {
        name: 'replace',
        arguments: { file_path: '/repo/new.py', instruction: 'New.', old_string: '', new_string: 'x = 1\n' },
      },
      created.text,
    );
    assert.equal(w.ledger.files['/repo/new.py']?.content, 'x = 1\n');
    const todos = [{ description: 'fix add', status: 'in_progress' }];
    w.turn({ name: 'write_todos', arguments: { todos } }, renderGeminiWriteTodos(todos));
    assert.deepEqual(w.ledger.todos, [{ content: 'fix add', status: 'in_progress' }]);
  });

  it('gemini-cli: the shell envelope must be complete, with (none) for empty fields', () => {
    const w = world('gemini-cli');
    const action = { name: 'run_shell_command', arguments: { command: 'sleep 60 &' } };
    const good = renderGeminiShellEnvelope({
      command: 'sleep 60 &',
      output: '',
      exitCode: 0,
      backgroundPids: [777],
      processGroup: 770,
    });
    assert.equal(w.turn(action, good)['envelope-format']?.status, 'pass');
    assert.deepEqual(
      w.ledger.backgroundShells.map((shell) => shell.id),
      ['777'],
    );
    const broken = good.replace('Signal: (none)\n', '').replace('Error: (none)', 'Error: ');
    assert.equal(w.turn(action, broken)['envelope-format']?.status, 'fail');
    assert.equal(w.turn(action, 'total 0')['envelope-format']?.status, 'fail');
  });

  it('mini-swe-agent: returncode/output format, elision, and cat of a written file', () => {
    const w = world('mini-swe-agent');
    assert.equal(w.turn('ls', renderMiniSweObservation(0, 'README.md\n'))['envelope-format']?.status, 'pass');
    assert.equal(w.turn('ls', 'README.md')['envelope-format']?.status, 'fail');
    const unelided = `<returncode>0</returncode>\n<output>\n${'z'.repeat(12_000)}\n</output>`;
    assert.equal(w.turn('ls', unelided)['envelope-format']?.status, 'fail');
    assert.equal(
      w.turn('ls', renderMiniSweObservation(0, 'z'.repeat(12_000)))['envelope-format']?.status,
      'pass',
    );
  });

  it('swe-agent: create, view, str_replace, undo_edit keep the file knowledge', () => {
    const w = world('swe-agent');
    const path = '/repo/calc.py';
    const create = { name: 'str_replace_editor', arguments: { command: 'create', path, file_text: CODE } };
    assert.equal(w.turn(create, renderClaudeWriteCreated(path))['envelope-format']?.status, 'pass');
    const view = { name: 'str_replace_editor', arguments: { command: 'view', path } };
    const viewed = w.turn(view, renderSweAgentView(path, CODE));
    assert.equal(viewed['read-shows-written']?.status, 'pass');
    assert.equal(viewed['envelope-format']?.status, 'pass');
    assert.equal(w.turn(view, renderClaudeRead(CODE))['envelope-format']?.status, 'fail');
    const replace = {
      name: 'str_replace_editor',
      arguments: { command: 'str_replace', path, old_str: 'a + b', new_str: 'a+b' },
    };
    w.turn(replace, `The file ${path} has been edited.`);
    assert.equal(w.ledger.files[path]?.content, CODE.replace('a + b', 'a+b'));
    w.turn(
      { name: 'str_replace_editor', arguments: { command: 'undo_edit', path } },
      `Last edit to ${path} undone successfully.`,
    );
    assert.equal(w.ledger.files[path]?.content, CODE);
    w.turn({ name: 'submit', arguments: {} }, 'diff --git a/calc.py b/calc.py');
    assert.equal(w.ledger.submitted, true);
  });

  it('every check is reported and none throws on odd observations', () => {
    const w = world('claude-code');
    for (const observation of ['', '\u0000', '     1→', 'Command: x', '<returncode>x']) {
      const checks = w.turn({ name: 'Read', arguments: { file_path: '/repo/x' } }, observation);
      assert.deepEqual(Object.keys(checks), [
        'no-scaffolding',
        'non-empty',
        'read-shows-written',
        'edit-anchor',
        'envelope-format',
        'success-claim',
      ]);
    }
  });
});
