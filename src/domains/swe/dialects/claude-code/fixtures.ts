/**
 * Claude Code conformance fixtures. Claude Code is closed source: these texts are restated from the minified
 * bundle of the npm package @anthropic-ai/claude-code 2.0.77 (`package/cli.js`, the last 2.0 release; no harness
 * runs here). Each fixture names the bundle's minified function or constant that produces its text, to find it
 * again with grep. The texts are the tool_result contents the model receives. Not confirmed: the bundle holds two
 * copies of zod, and the InputValidationError wording assumes the tool schemas use zod 4 (whose missing-field
 * message contains "received undefined", which `_G7` looks for).
 */
import type { SweFixture } from '../../conformance-fixture.js';
import { CLAUDE_READ_REMINDER } from './render.js';

export const CLAUDE_CODE_SOURCE = '@anthropic-ai/claude-code 2.0.77 (npm) package/cli.js';
const at = (where: string) => `${CLAUDE_CODE_SOURCE}: ${where}`;

/** A fixture, with what the shell printed for Bash. */
export interface ClaudeFixture extends SweFixture {
  readonly run?: { readonly exitCode: number; readonly stdout: string; readonly stderr?: string };
  /** Whether the conversation has read the file before (Edit and Write refuse an unread existing file). */
  readonly wasRead?: boolean;
}

const CALC = 'def add(a, b):\n    return a - b\n';
const NUMS = Array.from(
  { length: 12 },
  (_, index) => `v${String(index + 1).padStart(2, '0')} = ${index + 1}\n`,
).join('');
const call = (name: string, args: Record<string, unknown>) => ({ name, arguments: args });

export const CLAUDE_CODE_FIXTURES: readonly ClaudeFixture[] = [
  {
    name: 'Read: arrow-numbered lines, a last empty line after the final newline, the malware reminder',
    source: at('FileReadTool call (UsB splits on \\r?\\n), mapToolResultToToolResultBlockParam (Xo, Fn8)'),
    files: { '/testbed/calc.py': CALC },
    action: call('Read', { file_path: '/testbed/calc.py' }),
    observation: `     1→def add(a, b):\n     2→    return a - b\n     3→${CLAUDE_READ_REMINDER}`,
  },
  {
    name: 'Read: offset and limit',
    source: at('FileReadTool call (offset is 1-based; UsB slices limit lines)'),
    files: { '/testbed/nums.py': NUMS },
    action: call('Read', { file_path: '/testbed/nums.py', offset: 3, limit: 2 }),
    observation: `     3→v03 = 3\n     4→v04 = 4${CLAUDE_READ_REMINDER}`,
  },
  {
    name: 'Read: an offset past the end',
    source: at('FileReadTool mapToolResultToToolResultBlockParam (text case without content)'),
    files: { '/testbed/calc.py': CALC },
    action: call('Read', { file_path: '/testbed/calc.py', offset: 10 }),
    observation:
      '<system-reminder>Warning: the file exists but is shorter than the provided offset (10). The file has 3 lines.</system-reminder>',
  },
  {
    name: 'Read: a missing file',
    source: at('FileReadTool validateInput ("File does not exist."), wrapped in <tool_use_error>'),
    files: {},
    action: call('Read', { file_path: '/testbed/missing.py' }),
    observation: '<tool_use_error>File does not exist.</tool_use_error>',
  },
  {
    name: 'Write: a new file',
    source: at('FileWriteTool mapToolResultToToolResultBlockParam (create)'),
    files: {},
    action: call('Write', { file_path: '/testbed/hello.py', content: 'print("hi")\n' }),
    observation: 'File created successfully at: /testbed/hello.py',
  },
  {
    name: 'Write: over a file read before, the whole new file numbered',
    source: at(
      'FileWriteTool mapToolResultToToolResultBlockParam (update: Xo from line 1, Ek2 = 16000 lines)',
    ),
    files: { '/testbed/calc.py': CALC },
    action: call('Write', { file_path: '/testbed/calc.py', content: 'def add(a, b):\n    return a + b\n' }),
    observation:
      "The file /testbed/calc.py has been updated. Here's the result of running `cat -n` on a snippet of the edited file:\n     1→def add(a, b):\n     2→    return a + b\n     3→",
  },
  {
    name: 'Edit: the snippet from 4 lines before to 4 lines after the change',
    source: at('FileEditTool mapToolResultToToolResultBlockParam (HN2 with 4 lines of context, Xo)'),
    files: { '/testbed/nums.py': NUMS },
    action: call('Edit', { file_path: '/testbed/nums.py', old_string: 'v06 = 6', new_string: 'v06 = 60' }),
    observation:
      "The file /testbed/nums.py has been updated. Here's the result of running `cat -n` on a snippet of the edited file:\n     2→v02 = 2\n     3→v03 = 3\n     4→v04 = 4\n     5→v05 = 5\n     6→v06 = 60\n     7→v07 = 7\n     8→v08 = 8\n     9→v09 = 9\n    10→v10 = 10",
  },
  {
    name: 'Edit: a two-line file shows its last empty line',
    source: at('FileEditTool mapToolResultToToolResultBlockParam (HN2 splits the new file on \\r?\\n)'),
    files: { '/testbed/calc.py': CALC },
    action: call('Edit', { file_path: '/testbed/calc.py', old_string: 'a - b', new_string: 'a + b' }),
    observation:
      "The file /testbed/calc.py has been updated. Here's the result of running `cat -n` on a snippet of the edited file:\n     1→def add(a, b):\n     2→    return a + b\n     3→",
  },
  {
    name: 'Edit: replace_all answers in one sentence',
    source: at('FileEditTool mapToolResultToToolResultBlockParam (replaceAll)'),
    files: { '/testbed/twice.py': 'a = 1\na = 1\n' },
    action: call('Edit', {
      file_path: '/testbed/twice.py',
      old_string: 'a = 1',
      new_string: 'a = 2',
      replace_all: true,
    }),
    observation:
      "The file /testbed/twice.py has been updated. All occurrences of 'a = 1' were successfully replaced with 'a = 2'.",
  },
  {
    name: 'Edit: the old string is not in the file',
    source: at('FileEditTool validateInput (errorCode 8)'),
    files: { '/testbed/calc.py': CALC },
    action: call('Edit', { file_path: '/testbed/calc.py', old_string: 'a / b', new_string: 'a * b' }),
    observation: '<tool_use_error>String to replace not found in file.\nString: a / b</tool_use_error>',
  },
  {
    name: 'Edit: the old string occurs twice',
    source: at('FileEditTool validateInput (errorCode 9)'),
    files: { '/testbed/twice.py': 'a = 1\na = 1\n' },
    action: call('Edit', { file_path: '/testbed/twice.py', old_string: 'a = 1', new_string: 'a = 2' }),
    observation:
      '<tool_use_error>Found 2 matches of the string to replace, but replace_all is false. To replace all occurrences, set replace_all to true. To replace only one occurrence, please provide more context to uniquely identify the instance.\nString: a = 1</tool_use_error>',
  },
  {
    name: 'Edit: a missing file',
    source: at('FileEditTool validateInput (errorCode 4)'),
    files: {},
    action: call('Edit', { file_path: '/testbed/missing.py', old_string: 'a', new_string: 'b' }),
    observation: '<tool_use_error>File does not exist.</tool_use_error>',
  },
  {
    name: 'Edit: a file the conversation has not read',
    source: at('FileEditTool validateInput (errorCode 6)'),
    files: { '/testbed/calc.py': CALC },
    wasRead: false,
    action: call('Edit', { file_path: '/testbed/calc.py', old_string: 'a - b', new_string: 'a + b' }),
    observation:
      '<tool_use_error>File has not been read yet. Read it first before writing to it.</tool_use_error>',
  },
  {
    name: 'Bash: stdout then stderr, trimmed',
    source: at(
      'BashTool call (stderr appended to stdout on success) and mapToolResultToToolResultBlockParam',
    ),
    files: {},
    action: call('Bash', { command: 'echo out; echo err >&2' }),
    run: { exitCode: 0, stdout: '\nout\n', stderr: 'err\n' },
    observation: 'out\nerr',
  },
  {
    name: 'Bash: a failure starts with its exit code, stderr before stdout',
    source: at('BashTool call (ww2, throws ShellError Vy) and jF1/sO0'),
    files: {},
    action: call('Bash', { command: 'python3 -m pytest -q' }),
    run: { exitCode: 1, stdout: 'F\n1 failed\n', stderr: 'warning: slow\n' },
    observation: 'Exit code 1\nwarning: slow\n\nF\n1 failed',
  },
  {
    name: 'Bash: grep finding nothing (exit 1) is not a failure',
    source: at('BashTool ww2 with Rj5 (grep, rg, find, diff, test and [ fail from exit code 2)'),
    files: {},
    action: call('Bash', { command: 'grep -n todo calc.py' }),
    run: { exitCode: 1, stdout: '' },
    observation: '',
  },
];

/** Calls Claude Code refuses at its schema, and the exact tool_result. */
export const CLAUDE_CODE_REFUSALS: readonly {
  name: string;
  source: string;
  action: unknown;
  result: string;
}[] = [
  {
    name: 'Read without file_path',
    source: at('_G7 (InputValidationError), tool input schemas are zod strictObject'),
    action: call('Read', {}),
    result:
      '<tool_use_error>InputValidationError: Read failed due to the following issue:\nThe required parameter `file_path` is missing</tool_use_error>',
  },
  {
    name: 'Read with a string offset',
    source: at('_G7'),
    action: call('Read', { file_path: '/testbed/calc.py', offset: '3' }),
    result:
      '<tool_use_error>InputValidationError: Read failed due to the following issue:\nThe parameter `offset` type is expected as `number` but provided as `string`</tool_use_error>',
  },
  {
    name: 'Edit with an unknown parameter and without new_string',
    source: at('_G7 (missing first, then unexpected keys)'),
    action: call('Edit', { file_path: '/testbed/calc.py', old_string: 'a', expected_replacements: 1 }),
    result:
      '<tool_use_error>InputValidationError: Edit failed due to the following issues:\nThe required parameter `new_string` is missing\nAn unexpected parameter `expected_replacements` was provided</tool_use_error>',
  },
  {
    name: 'TodoWrite with an item lacking activeForm',
    source: at('_G7 (o59 writes the path as todos[0].activeForm)'),
    action: call('TodoWrite', { todos: [{ content: 'Fix add', status: 'pending' }] }),
    result:
      '<tool_use_error>InputValidationError: TodoWrite failed due to the following issue:\nThe required parameter `todos[0].activeForm` is missing</tool_use_error>',
  },
];

/** Argument sets Claude Code accepts. */
export const CLAUDE_CODE_ACCEPTED: readonly unknown[] = [
  call('Read', { file_path: '/testbed/calc.py', offset: 1, limit: 10 }),
  call('Bash', { command: 'ls', description: 'List files', timeout: 60000, run_in_background: false }),
  call('Glob', { pattern: '**/*.py', path: '/testbed' }),
  call('Grep', { pattern: 'def', output_mode: 'content', '-n': true, '-C': 2, head_limit: 5 }),
  call('TodoWrite', { todos: [{ content: 'Fix add', status: 'in_progress', activeForm: 'Fixing add' }] }),
  call('TaskOutput', { task_id: 'bash_1' }),
  call('KillShell', { shell_id: 'bash_1' }),
];
