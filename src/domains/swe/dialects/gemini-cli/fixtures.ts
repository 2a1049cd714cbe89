/**
 * gemini-cli conformance fixtures, written from the source of google-gemini/gemini-cli v0.20.0 (commit
 * b05fb545ef78e1ce2a0a1680b095542011640b0a; no harness runs here). Each fixture names the file under
 * `packages/core/src/` whose code produces its text. The texts are what the model receives: a tool's
 * `llmContent` on success, and `error.message` for an error result or a refused call (`createErrorResponse` in
 * `core/coreToolScheduler.ts` answers `{ error: message }`). The workspace is /testbed.
 */
import type { SweFixture } from '../../conformance-fixture.js';

export const GEMINI_CLI_SOURCE =
  'google-gemini/gemini-cli v0.20.0 (b05fb545ef78e1ce2a0a1680b095542011640b0a)';
const at = (file: string) => `${GEMINI_CLI_SOURCE} packages/core/src/${file}`;

/** A fixture, with what the shell printed for run_shell_command. */
export interface GeminiFixture extends SweFixture {
  readonly run?: {
    readonly output: string;
    readonly exitCode: number | null;
    readonly signal?: number;
    readonly processGroup: number;
    readonly backgroundPids?: readonly number[];
  };
}

const CALC = 'def add(a, b):\n    return a - b\n';
const NUMS = Array.from(
  { length: 12 },
  (_, index) => `v${String(index + 1).padStart(2, '0')} = ${index + 1}\n`,
).join('');
const call = (name: string, args: Record<string, unknown>) => ({ name, arguments: args });

export const GEMINI_CLI_FIXTURES: readonly GeminiFixture[] = [
  {
    name: 'run_shell_command: output, exit code 0 and the process group',
    source: at('tools/shell.ts (llmContent) and services/shellExecutionService.ts (getFullBufferText)'),
    files: {},
    action: call('run_shell_command', { command: 'echo hi' }),
    run: { output: 'hi\n', exitCode: 0, processGroup: 4242 },
    observation:
      'Command: echo hi\nDirectory: (root)\nOutput: hi\nError: (none)\nExit Code: 0\nSignal: (none)\nBackground PIDs: (none)\nProcess Group PGID: 4242',
  },
  {
    name: 'run_shell_command: a failing command in dir_path keeps Error: (none)',
    source: at('tools/shell.ts (llmContent; result.error is set only when spawning fails)'),
    files: { '/testbed/src/calc.py': CALC },
    action: call('run_shell_command', { command: 'ls missing', dir_path: 'src' }),
    run: {
      output: "ls: cannot access 'missing': No such file or directory\n",
      exitCode: 2,
      processGroup: 5151,
    },
    observation:
      "Command: ls missing\nDirectory: src\nOutput: ls: cannot access 'missing': No such file or directory\nError: (none)\nExit Code: 2\nSignal: (none)\nBackground PIDs: (none)\nProcess Group PGID: 5151",
  },
  {
    name: 'run_shell_command: no output prints (empty)',
    source: at('tools/shell.ts (an empty output prints "(empty)")'),
    files: {},
    action: call('run_shell_command', { command: 'true' }),
    run: { output: '', exitCode: 0, processGroup: 77 },
    observation:
      'Command: true\nDirectory: (root)\nOutput: (empty)\nError: (none)\nExit Code: 0\nSignal: (none)\nBackground PIDs: (none)\nProcess Group PGID: 77',
  },
  {
    name: 'run_shell_command: background PIDs, trailing blanks and empty lines dropped',
    source: at(
      'tools/shell.ts (pgrep background PIDs) and services/shellExecutionService.ts (getFullBufferText)',
    ),
    files: {},
    action: call('run_shell_command', { command: 'sleep 60 & echo started' }),
    run: { output: 'started   \n\n\n', exitCode: 0, processGroup: 770, backgroundPids: [777] },
    observation:
      'Command: sleep 60 & echo started\nDirectory: (root)\nOutput: started\nError: (none)\nExit Code: 0\nSignal: (none)\nBackground PIDs: 777\nProcess Group PGID: 770',
  },
  {
    name: 'run_shell_command: killed by a signal has no exit code',
    source: at('tools/shell.ts (exit code and signal fall back to "(none)")'),
    files: {},
    action: call('run_shell_command', { command: 'kill -9 $$' }),
    run: { output: '', exitCode: null, signal: 9, processGroup: 901 },
    observation:
      'Command: kill -9 $$\nDirectory: (root)\nOutput: (empty)\nError: (none)\nExit Code: (none)\nSignal: 9\nBackground PIDs: (none)\nProcess Group PGID: 901',
  },
  {
    name: 'read_file: the text itself, with no line numbers',
    source: at('tools/read-file.ts and utils/fileUtils.ts (processSingleFileContent, text case)'),
    files: { '/testbed/calc.py': CALC },
    action: call('read_file', { file_path: '/testbed/calc.py' }),
    observation: CALC,
  },
  {
    name: 'read_file: offset and limit give the truncation notice and the next offset',
    source: at('tools/read-file.ts (isTruncated notice) and utils/fileUtils.ts (linesShown)'),
    files: { '/testbed/nums.py': NUMS },
    action: call('read_file', { file_path: '/testbed/nums.py', offset: 2, limit: 3 }),
    observation:
      "\nIMPORTANT: The file content has been truncated.\nStatus: Showing lines 3-5 of 13 total lines.\nAction: To read more of the file, you can use the 'offset' and 'limit' parameters in a subsequent 'read_file' call. For example, to read the next section of the file, use offset: 5.\n\n--- FILE CONTENT (truncated) ---\nv03 = 3\nv04 = 4\nv05 = 5",
  },
  {
    name: 'read_file: a missing file',
    source: at('utils/fileUtils.ts (the FILE_NOT_FOUND error message)'),
    files: {},
    action: call('read_file', { file_path: '/testbed/missing.py' }),
    observation: 'File not found: /testbed/missing.py',
  },
  {
    name: 'write_file: a new file',
    source: at('tools/write-file.ts (llmSuccessMessageParts)'),
    files: {},
    action: call('write_file', { file_path: '/testbed/hello.py', content: 'print("hi")\n' }),
    observation: 'Successfully created and wrote to new file: /testbed/hello.py.',
  },
  {
    name: 'write_file: over an existing file',
    source: at('tools/write-file.ts (llmSuccessMessageParts)'),
    files: { '/testbed/calc.py': CALC },
    action: call('write_file', { file_path: '/testbed/calc.py', content: 'x = 1\n' }),
    observation: 'Successfully overwrote file: /testbed/calc.py.',
  },
  {
    name: 'replace: one occurrence',
    source: at('tools/smart-edit.ts (calculateExactReplacement, llmSuccessMessageParts)'),
    files: { '/testbed/calc.py': CALC },
    action: call('replace', {
      file_path: '/testbed/calc.py',
      instruction: 'Make add return the sum.',
      old_string: 'return a - b',
      new_string: 'return a + b',
    }),
    observation: 'Successfully modified file: /testbed/calc.py (1 replacements).',
  },
  {
    name: 'replace: 0 occurrences (after the self-correction also fails)',
    source: at(
      'tools/smart-edit.ts (getErrorReplaceResult; attemptSelfCorrection returns the initial error)',
    ),
    files: { '/testbed/calc.py': CALC },
    action: call('replace', {
      file_path: '/testbed/calc.py',
      instruction: 'Make mul return the product.',
      old_string: 'return a / b',
      new_string: 'return a * b',
    }),
    observation:
      "Failed to edit, 0 occurrences found for old_string (return a / b). Original old_string was (return a / b) in /testbed/calc.py. No edits made. The exact text in old_string was not found. Ensure you're not escaping content incorrectly and check whitespace, indentation, and context. Use read_file tool to verify.",
  },
  {
    name: 'replace: expected 1 occurrence, found 2',
    source: at('tools/smart-edit.ts (getErrorReplaceResult)'),
    files: { '/testbed/twice.py': 'a = 1\na = 1\n' },
    action: call('replace', {
      file_path: '/testbed/twice.py',
      instruction: 'Set a to 2.',
      old_string: 'a = 1',
      new_string: 'a = 2',
    }),
    observation:
      'Failed to edit, Expected 1 occurrence but found 2 for old_string in file: /testbed/twice.py',
  },
  {
    name: 'replace: expected_replacements 2 replaces both',
    source: at('tools/smart-edit.ts (safeLiteralReplace replaces every occurrence)'),
    files: { '/testbed/twice.py': 'a = 1\na = 1\n' },
    action: call('replace', {
      file_path: '/testbed/twice.py',
      instruction: 'Set a to 2 everywhere.',
      old_string: 'a = 1',
      new_string: 'a = 2',
      expected_replacements: 2,
    }),
    observation: 'Successfully modified file: /testbed/twice.py (2 replacements).',
  },
  {
    name: 'list_directory: folders first, marked [DIR]',
    source: at('tools/ls.ts (execute)'),
    files: {
      '/testbed/calc.py': CALC,
      '/testbed/README.md': '# calc\n',
      '/testbed/tests/test_calc.py': 'x = 1\n',
    },
    action: call('list_directory', { dir_path: '/testbed' }),
    observation: 'Directory listing for /testbed:\n[DIR] tests\ncalc.py\nREADME.md',
  },
  {
    name: 'write_todos: the list as numbered lines',
    source: at('tools/write-todos.ts (execute)'),
    files: {},
    action: call('write_todos', {
      todos: [
        { description: 'Read calc.py', status: 'completed' },
        { description: 'Fix add', status: 'in_progress' },
      ],
    }),
    observation:
      'Successfully updated the todo list. The current list is now:\n1. [completed] Read calc.py\n2. [in_progress] Fix add',
  },
];

/** Calls gemini-cli refuses, and its exact reason (the whole tool result). */
export const GEMINI_CLI_REFUSALS: readonly {
  name: string;
  source: string;
  action: unknown;
  reason: string;
}[] = [
  {
    name: 'read_file without file_path',
    source: at('utils/schemaValidator.ts (Ajv errorsText, dataVar params)'),
    action: call('read_file', { path: '/testbed/calc.py' }),
    reason: "params must have required property 'file_path'",
  },
  {
    name: 'read_file with a string offset',
    source: at('utils/schemaValidator.ts'),
    action: call('read_file', { file_path: '/testbed/calc.py', offset: '2' }),
    reason: 'params/offset must be number',
  },
  {
    name: 'replace without instruction',
    source: at('tools/smart-edit.ts (required: file_path, instruction, old_string, new_string)'),
    action: call('replace', { file_path: '/testbed/calc.py', old_string: 'a', new_string: 'b' }),
    reason: "params must have required property 'instruction'",
  },
  {
    name: 'replace with expected_replacements 0',
    source: at('tools/smart-edit.ts (expected_replacements minimum 1)'),
    action: call('replace', {
      file_path: '/testbed/calc.py',
      instruction: 'x',
      old_string: 'a',
      new_string: 'b',
      expected_replacements: 0,
    }),
    reason: 'params/expected_replacements must be >= 1',
  },
  {
    name: 'write_todos with an unknown status',
    source: at('tools/write-todos.ts (status enum)'),
    action: call('write_todos', { todos: [{ description: 'x', status: 'done' }] }),
    reason: 'params/todos/0/status must be equal to one of the allowed values',
  },
  {
    name: 'run_shell_command with an empty command',
    source: at('tools/shell.ts (validateToolParamValues)'),
    action: call('run_shell_command', { command: '   ' }),
    reason: 'Command cannot be empty.',
  },
  {
    name: 'run_shell_command outside the workspace',
    source: at('tools/shell.ts (validateToolParamValues)'),
    action: call('run_shell_command', { command: 'ls', dir_path: '/etc' }),
    reason: "Directory '/etc' is not within any of the registered workspace directories.",
  },
  {
    name: 'read_file with a negative offset',
    source: at('tools/read-file.ts (validateToolParamValues)'),
    action: call('read_file', { file_path: '/testbed/calc.py', offset: -1 }),
    reason: 'Offset must be a non-negative number',
  },
  {
    name: 'write_file with an empty file_path',
    source: at('tools/write-file.ts (validateToolParamValues)'),
    action: call('write_file', { file_path: '', content: 'x' }),
    reason: 'Missing or empty "file_path"',
  },
  {
    name: 'write_todos with two tasks in progress',
    source: at('tools/write-todos.ts (validateToolParamValues)'),
    action: call('write_todos', {
      todos: [
        { description: 'a', status: 'in_progress' },
        { description: 'b', status: 'in_progress' },
      ],
    }),
    reason: 'Invalid parameters: Only one task can be "in_progress" at a time.',
  },
  {
    name: 'save_memory with a blank fact',
    source: at('tools/memoryTool.ts (validateToolParamValues)'),
    action: call('save_memory', { fact: ' ' }),
    reason: 'Parameter "fact" must be a non-empty string.',
  },
];

/** Argument sets gemini-cli accepts. */
export const GEMINI_CLI_ACCEPTED: readonly unknown[] = [
  call('read_file', { file_path: 'calc.py', offset: 0, limit: 10 }),
  call('replace', {
    file_path: '/testbed/calc.py',
    instruction: 'x',
    old_string: 'a',
    new_string: 'b',
    expected_replacements: 3,
  }),
  call('run_shell_command', { command: 'ls', description: 'List files', dir_path: 'src' }),
  call('list_directory', { dir_path: '/testbed', ignore: ['*.pyc'] }),
  call('glob', { pattern: '**/*.py', case_sensitive: true }),
  call('search_file_content', { pattern: 'def \\w+', include: '*.py', context: 2 }),
  call('read_many_files', { include: ['src/**/*.py'], recursive: true }),
  call('write_todos', { todos: [] }),
  call('save_memory', { fact: 'The tests run with pytest.' }),
];
