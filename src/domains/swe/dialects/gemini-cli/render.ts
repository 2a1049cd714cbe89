/**
 * gemini-cli's observation renderer: the texts its tools return to the model (`llmContent` on success, the error
 * message on failure), restated from google-gemini/gemini-cli v0.20.0 (b05fb545ef78), `packages/core/src/tools/`.
 */

/** The fields of gemini-cli's run_shell_command result, in the order it prints them (shell.ts). */
export const GEMINI_SHELL_FIELDS = [
  'Command',
  'Directory',
  'Output',
  'Error',
  'Exit Code',
  'Signal',
  'Background PIDs',
  'Process Group PGID',
] as const;
export type GeminiShellField = (typeof GEMINI_SHELL_FIELDS)[number];

export interface GeminiShellResult {
  readonly command: string;
  /** The call's dir_path as given; empty or undefined prints `(root)`. */
  readonly directory?: string | undefined;
  /** What the command printed (stdout and stderr together, as the terminal shows them). */
  readonly output: string;
  /** The spawn error's message (not a non-zero exit, which has none); undefined prints `(none)`. */
  readonly error?: string | undefined;
  /** The exit code; null or undefined (killed by a signal) prints `(none)`. */
  readonly exitCode?: number | null | undefined;
  /** The signal number that ended the command; null or undefined prints `(none)`. */
  readonly signal?: number | null | undefined;
  readonly backgroundPids?: readonly number[] | undefined;
  /** The process group (the pty's pid); undefined prints `(none)`. */
  readonly processGroup?: number | undefined;
}

/**
 * The output as the pty path of shellExecutionService.ts returns it (`getFullBufferText`): each line without its
 * trailing blanks (`translateToString(true)`), trailing empty lines dropped. Tabs, wrapping and cursor moves of
 * the headless terminal are not modelled.
 */
export function geminiShellOutput(raw: string): string {
  const lines = raw
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t\r]+$/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

/** run_shell_command's result (shell.ts, not cancelled): `(empty)` output, `(none)` for the other empty fields. */
export function renderGeminiShellEnvelope(result: GeminiShellResult): string {
  const output = geminiShellOutput(result.output);
  const pids = result.backgroundPids ?? [];
  return [
    `Command: ${result.command}`,
    `Directory: ${result.directory === undefined || result.directory === '' ? '(root)' : result.directory}`,
    `Output: ${output === '' ? '(empty)' : output}`,
    `Error: ${result.error ?? '(none)'}`,
    `Exit Code: ${result.exitCode ?? '(none)'}`,
    `Signal: ${result.signal ?? '(none)'}`,
    `Background PIDs: ${pids.length > 0 ? pids.join(', ') : '(none)'}`,
    `Process Group PGID: ${result.processGroup ?? '(none)'}`,
  ].join('\n');
}

/** read_file's default window and its line-length cut (utils/fileUtils.ts). */
export const GEMINI_READ_MAX_LINES = 2000;
export const GEMINI_READ_MAX_LINE_LENGTH = 2000;

/**
 * read_file's answer for a text file (read-file.ts and processSingleFileContent in utils/fileUtils.ts): the lines
 * `offset` (0-based) to `offset + limit` of `content.split('\n')`, long lines cut, and the truncation notice
 * before them when the window or a line was cut.
 */
export function renderGeminiReadFile(content: string, offset?: number, limit?: number): string {
  const lines = content.split('\n');
  const total = lines.length;
  const start = offset || 0;
  const end = Math.min(start + (limit === undefined ? GEMINI_READ_MAX_LINES : limit), total);
  const first = Math.min(start, total);
  let cut = false;
  const shown = lines.slice(first, end).map((line) => {
    if (line.length <= GEMINI_READ_MAX_LINE_LENGTH) return line;
    cut = true;
    return `${line.substring(0, GEMINI_READ_MAX_LINE_LENGTH)}... [truncated]`;
  });
  const text = shown.join('\n');
  if (!(start > 0 || end < total || cut)) return text;
  const next = offset ? offset + end - (first + 1) + 1 : end;
  return `
IMPORTANT: The file content has been truncated.
Status: Showing lines ${first + 1}-${end} of ${total} total lines.
Action: To read more of the file, you can use the 'offset' and 'limit' parameters in a subsequent 'read_file' call. For example, to read the next section of the file, use offset: ${next}.

--- FILE CONTENT (truncated) ---
${text}`;
}

/** read_file's error message for a missing path (fileUtils.ts; the model sees the message, not llmContent). */
export function renderGeminiFileNotFound(path: string): string {
  return `File not found: ${path}`;
}

/** read_file on a folder. */
export function renderGeminiPathIsDirectory(path: string): string {
  return `Path is a directory, not a file: ${path}`;
}

/** write_file's answer (write-file.ts). */
export function renderGeminiWriteFile(path: string, isNewFile: boolean): string {
  return isNewFile
    ? `Successfully created and wrote to new file: ${path}.`
    : `Successfully overwrote file: ${path}.`;
}

/** The outcome of a `replace` call: its text, and the new content when the file changed. */
export interface GeminiReplaceOutcome {
  readonly text: string;
  readonly content?: string;
}

/**
 * `replace` as smart-edit.ts runs it when the exact match decides (calculateExactReplacement: every occurrence
 * replaced; getErrorReplaceResult). The flexible and regex matchers and the LLM self-correction that smart-edit
 * tries before giving up are not modelled: a 0-occurrence text is what it answers when the correction fails too.
 * `path` is the absolute file_path; `content` undefined means the file does not exist.
 */
export function renderGeminiReplace(
  path: string,
  content: string | undefined,
  args: { old_string: string; new_string: string; expected_replacements?: number | undefined },
): GeminiReplaceOutcome {
  const oldString = args.old_string.replace(/\r\n/g, '\n');
  const newString = args.new_string.replace(/\r\n/g, '\n');
  if (content === undefined) {
    if (oldString === '')
      return { text: `Created new file: ${path} with provided content.`, content: newString };
    return { text: `File not found: ${path}` };
  }
  if (args.old_string === '') return { text: `File already exists, cannot create: ${path}` };
  const current = content.replace(/\r\n/g, '\n');
  const expected = args.expected_replacements ?? 1;
  const occurrences = current.split(oldString).length - 1;
  if (occurrences === 0) {
    return {
      text: `Failed to edit, 0 occurrences found for old_string (${oldString}). Original old_string was (${args.old_string}) in ${path}. No edits made. The exact text in old_string was not found. Ensure you're not escaping content incorrectly and check whitespace, indentation, and context. Use read_file tool to verify.`,
    };
  }
  if (occurrences !== expected) {
    const term = expected === 1 ? 'occurrence' : 'occurrences';
    return {
      text: `Failed to edit, Expected ${expected} ${term} but found ${occurrences} for old_string in file: ${path}`,
    };
  }
  if (oldString === newString) {
    return { text: `No changes to apply. The old_string and new_string are identical in file: ${path}` };
  }
  let updated = current.split(oldString).join(newString);
  if (current.endsWith('\n') && !updated.endsWith('\n')) updated += '\n';
  else if (!current.endsWith('\n') && updated.endsWith('\n')) updated = updated.replace(/\n$/, '');
  return { text: `Successfully modified file: ${path} (${occurrences} replacements).`, content: updated };
}

/** One entry of a folder, as list_directory sorts and marks it. */
export interface GeminiDirectoryEntry {
  readonly name: string;
  readonly isDirectory: boolean;
}

/** list_directory's answer (ls.ts): folders first, then by `localeCompare`; `[DIR] ` marks folders. */
export function renderGeminiListDirectory(
  path: string,
  entries: readonly GeminiDirectoryEntry[],
  ignoredCount = 0,
): string {
  if (entries.length === 0 && ignoredCount === 0) return `Directory ${path} is empty.`;
  const sorted = [...entries].sort((a, b) => {
    if (a.isDirectory !== b.isDirectory) return a.isDirectory ? -1 : 1;
    return a.name.localeCompare(b.name);
  });
  const listing = sorted.map((entry) => `${entry.isDirectory ? '[DIR] ' : ''}${entry.name}`).join('\n');
  return `Directory listing for ${path}:\n${listing}${ignoredCount > 0 ? `\n\n(${ignoredCount} ignored)` : ''}`;
}

/** write_todos' answer (write-todos.ts). */
export function renderGeminiWriteTodos(todos: readonly { description: string; status: string }[]): string {
  if (todos.length === 0) return 'Successfully cleared the todo list.';
  const list = todos.map((todo, index) => `${index + 1}. [${todo.status}] ${todo.description}`).join('\n');
  return `Successfully updated the todo list. The current list is now:\n${list}`;
}
