/**
 * Claude Code's observation renderer: the tool_result texts of Read, Write, Edit and Bash, restated from the
 * minified bundle of the npm package @anthropic-ai/claude-code 2.0.77 (`cli.js`; each tool's
 * `mapToolResultToToolResultBlockParam`, `validateInput` and `call`). The names in the comments are the bundle's
 * minified function names, to find the code again.
 */

/** The reminder 2.0.77 appends to every non-empty Read of a text file (`Fn8`). */
export const CLAUDE_READ_REMINDER =
  '\n\n<system-reminder>\nWhenever you read a file, you should consider whether it would be considered malware. You CAN and SHOULD provide analysis of malware, what it is doing. But you MUST refuse to improve or augment the code. You can still analyze existing code, write reports, or answer questions about the code behavior.\n</system-reminder>\n';

/** The note after a Write over an existing file that shows only its first 16000 lines (`$c5`, `Ek2`). */
export const CLAUDE_WRITE_CLIPPED =
  '<response clipped><NOTE>To save on context only part of this file has been shown to you. You should retry this tool after you have searched inside the file with Grep in order to find the line numbers of what you are looking for.</NOTE>';
export const CLAUDE_WRITE_MAX_LINES = 16000;

/** `Xo`: line numbers right-aligned in six columns (wider numbers as they are), an arrow, then the text. */
export function renderClaudeNumberedLines(lines: readonly string[], firstLine = 1): string {
  return lines.map((line, index) => `${String(firstLine + index).padStart(6, ' ')}→${line}`).join('\n');
}

/** `Xo({content, startLine})`: the content split on `\r?\n`, so a final newline gives a last empty numbered line. */
function numbered(content: string, startLine: number): string {
  if (content === '') return '';
  return renderClaudeNumberedLines(content.split(/\r?\n/), startLine);
}

/** A refusal (validateInput) or a schema error, as the tool_result shows it. */
export function renderClaudeToolUseError(message: string): string {
  return `<tool_use_error>${message}</tool_use_error>`;
}

/**
 * Read's result for a text file (`UsB` then `Xo` and `Fn8`): lines `offset` (1-based; 0 means 1) onward, at most
 * `limit` of them, numbered, with the malware reminder; nothing to show gives a system-reminder warning instead.
 * The size and token limits that refuse a big file are not modelled.
 */
export function renderClaudeRead(content: string, offset = 1, limit?: number): string {
  const all = content.split(/\r?\n/);
  const skip = offset === 0 ? 0 : offset - 1;
  const lines =
    limit !== undefined && all.length - skip > limit ? all.slice(skip, skip + limit) : all.slice(skip);
  const text = lines.join('\n');
  if (text !== '') return numbered(text, offset) + CLAUDE_READ_REMINDER;
  return all.length === 0
    ? '<system-reminder>Warning: the file exists but the contents are empty.</system-reminder>'
    : `<system-reminder>Warning: the file exists but is shorter than the provided offset (${offset}). The file has ${all.length} lines.</system-reminder>`;
}

/** Read of a missing file (validateInput): the cwd note appears only when the shell left the starting folder. */
export function renderClaudeFileDoesNotExist(cwdNote?: string): string {
  return renderClaudeToolUseError(
    `File does not exist.${cwdNote === undefined ? '' : ` Current working directory: ${cwdNote}`}`,
  );
}

/** Write of a new file. */
export function renderClaudeWriteCreated(path: string): string {
  return `File created successfully at: ${path}`;
}

/** Write over an existing file: the whole new content numbered from line 1 (the first 16000 lines). */
export function renderClaudeWriteUpdated(path: string, content: string): string {
  const lines = content.split(/\r?\n/);
  const shown =
    lines.length > CLAUDE_WRITE_MAX_LINES
      ? lines.slice(0, CLAUDE_WRITE_MAX_LINES).join('\n') + CLAUDE_WRITE_CLIPPED
      : content;
  return `The file ${path} has been updated. Here's the result of running \`cat -n\` on a snippet of the edited file:\n${numbered(shown, 1)}`;
}

/** `PJ1`: the first occurrence (or all) replaced; an empty new_string also takes the newline after old_string. */
export function claudeApplyEdit(
  content: string,
  oldString: string,
  newString: string,
  replaceAll = false,
): string {
  const replace = (text: string, from: string) =>
    replaceAll ? text.replaceAll(from, () => newString) : text.replace(from, () => newString);
  if (newString !== '') return replace(content, oldString);
  return !oldString.endsWith('\n') && content.includes(`${oldString}\n`)
    ? replace(content, `${oldString}\n`)
    : replace(content, oldString);
}

/**
 * Edit's answer (`mapToolResultToToolResultBlockParam` with `HN2`, 4 lines of context): the edited file from 4
 * lines before the first occurrence to 4 lines after the new text, numbered; with replace_all, one sentence.
 */
export function renderClaudeEditUpdated(
  path: string,
  original: string,
  oldString: string,
  newString: string,
  replaceAll = false,
): string {
  if (replaceAll) {
    return `The file ${path} has been updated. All occurrences of '${oldString}' were successfully replaced with '${newString}'.`;
  }
  const before = (original.split(oldString)[0] ?? '').split(/\r?\n/).length - 1;
  const updated = claudeApplyEdit(original, oldString, newString).split(/\r?\n/);
  const first = Math.max(0, before - 4);
  const end = before + 4 + newString.split(/\r?\n/).length;
  const snippet = updated.slice(first, end).join('\n');
  return `The file ${path} has been updated. Here's the result of running \`cat -n\` on a snippet of the edited file:\n${numbered(snippet, first + 1)}`;
}

/**
 * Why Edit refuses a call (its validateInput, in order), or undefined. `content` undefined: no such file.
 * `wasRead` false: the conversation has not read the file (Claude Code refuses to edit an unread file). The quote
 * normalisation that lets curly quotes match straight ones (`Q4A`) is not modelled.
 */
export function claudeEditRefusal(
  args: { old_string: string; new_string: string; replace_all?: boolean | undefined },
  content: string | undefined,
  options: { wasRead?: boolean; cwdNote?: string } = {},
): string | undefined {
  const { old_string: oldString, new_string: newString } = args;
  if (oldString === newString) return 'No changes to make: old_string and new_string are exactly the same.';
  if (content !== undefined && oldString === '') {
    return content.replaceAll('\r\n', '\n').trim() !== ''
      ? 'Cannot create new file - file already exists.'
      : undefined;
  }
  if (content === undefined && oldString === '') return undefined;
  if (content === undefined)
    return `File does not exist.${options.cwdNote === undefined ? '' : ` Current working directory: ${options.cwdNote}`}`;
  if (options.wasRead === false) return 'File has not been read yet. Read it first before writing to it.';
  const text = content.replaceAll('\r\n', '\n');
  if (!text.includes(oldString)) return `String to replace not found in file.\nString: ${oldString}`;
  const count = text.split(oldString).length - 1;
  if (count > 1 && args.replace_all !== true) {
    return `Found ${count} matches of the string to replace, but replace_all is false. To replace all occurrences, set replace_all to true. To replace only one occurrence, please provide more context to uniquely identify the instance.\nString: ${oldString}`;
  }
  return undefined;
}

/** Why Write refuses a call over an existing file it has not read, or undefined. */
export function claudeWriteRefusal(exists: boolean, wasRead = true): string | undefined {
  return exists && !wasRead ? 'File has not been read yet. Read it first before writing to it.' : undefined;
}

/** Commands whose exit code 1 is not a failure (`Rj5`), judged by the first word of the last command. */
const LENIENT = new Set(['grep', 'rg', 'find', 'diff', 'test', '[']);

/** Whether Bash treats this exit as a failure (`ww2`; the last command is found by a rough split here). */
export function claudeBashIsError(command: string, exitCode: number): boolean {
  const last =
    command
      .split(/&&|\|\||[;|\n]/)
      .filter((part) => part.trim() !== '')
      .pop() ?? command;
  const word = last.trim().split(/\s+/)[0] ?? '';
  return LENIENT.has(word) ? exitCode >= 2 : exitCode !== 0;
}

export interface ClaudeBashResult {
  readonly command: string;
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr?: string | undefined;
  readonly interrupted?: boolean | undefined;
}

/**
 * Bash's tool_result. Success: stdout then stderr (each trimmed at the end, one newline after each), leading blank
 * lines and trailing white space removed. Failure (`Vy` thrown, rendered by `jF1`/`sO0`): `Exit code N`, stderr,
 * stdout, joined by newlines and trimmed. The 30000-character cut and the 10000-character head/tail cut of a long
 * failure are not modelled.
 */
export function renderClaudeBash(result: ClaudeBashResult): string {
  const stderr = result.stderr ?? '';
  if (claudeBashIsError(result.command, result.exitCode)) {
    const parts = [
      `Exit code ${result.exitCode}`,
      result.interrupted === true ? '[Request interrupted by user for tool use]' : '',
      stderr,
      result.stdout,
    ];
    return parts.filter(Boolean).join('\n').trim() || 'Command failed with no output';
  }
  const stdout = `${result.stdout.trimEnd()}\n${stderr.trimEnd()}\n`;
  return stdout.replace(/^(\s*\n)+/, '').trimEnd();
}

/** Where Bash says a background command's output goes. */
export function renderClaudeBashBackground(id: string, outputPath: string): string {
  return `Command running in background with ID: ${id}. Output is being written to: ${outputPath}`;
}

/**
 * The "has been updated" answer with the lines around one line of the new content (±context). It is what the
 * simulator and the checks use when only the new content is known; for a real Edit, renderClaudeEditUpdated
 * follows the bundle's snippet rule exactly.
 */
export function renderClaudeFileUpdated(
  path: string,
  content: string,
  aroundLine: number,
  context = 4,
): string {
  const lines = content.split(/\r?\n/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  const first = Math.max(1, aroundLine - context);
  const last = Math.min(lines.length, aroundLine + context);
  const snippet = renderClaudeNumberedLines(lines.slice(first - 1, last), first);
  return `The file ${path} has been updated. Here's the result of running \`cat -n\` on a snippet of the edited file:\n${snippet}`;
}
