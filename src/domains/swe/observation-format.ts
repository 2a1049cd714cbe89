/**
 * Renderers of the observation formats each harness prints. The real recorder (scripts/record-examples) uses
 * them, so recorded sessions and the checks agree on one definition of every format.
 */

/** From this many characters (Python code points) on, mini-swe-agent shows only the head and tail of an output. */
export const MINI_SWE_OUTPUT_LIMIT = 10_000;
/** How many characters of head and of tail an elided mini-swe-agent output keeps. */
export const MINI_SWE_HEAD_TAIL = 5_000;
/**
 * The warning mini-swe-agent v2 puts before an elided output (SWE-agent/mini-swe-agent a83fcae8,
 * src/minisweagent/config/default.yaml observation_template). Its closing tag and `<output_head>` share a line.
 */
export const MINI_SWE_ELISION_WARNING =
  '<warning>\nThe output of your last command was too long.\nPlease try a different command that produces less output.\n' +
  "If you're looking at a file you can try use head, tail or sed to view a smaller number of lines selectively.\n" +
  "If you're using grep or find and it produced too much output, you can use a more selective search pattern.\n" +
  "If you really need to see something from the full command's output, you can redirect output to a file and then search in that file.\n" +
  '</warning>';

/** A string's length as Python counts it (code points, not UTF-16 units). */
export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** Python's `text[start:end]` on code points (negative start counts from the end). */
function codePointSlice(text: string, start: number, end?: number): string {
  return Array.from(text).slice(start, end).join('');
}

/**
 * mini-swe-agent v2's observation template: an optional `<exception>` line, the return code, then the output
 * (elided to head and tail when it has 10000 code points or more).
 */
export function renderMiniSweObservation(returncode: number, output: string, exceptionInfo = ''): string {
  const exception = exceptionInfo.length > 0 ? `<exception>${exceptionInfo}</exception>\n` : '';
  const head = `${exception}<returncode>${returncode}</returncode>\n`;
  const length = codePointLength(output);
  if (length < MINI_SWE_OUTPUT_LIMIT) return `${head}<output>\n${output}</output>`;
  return (
    `${head}${MINI_SWE_ELISION_WARNING}` +
    `<output_head>\n${codePointSlice(output, 0, MINI_SWE_HEAD_TAIL)}\n</output_head>\n` +
    `<elided_chars>\n${length - MINI_SWE_OUTPUT_LIMIT} characters elided\n</elided_chars>\n` +
    `<output_tail>\n${codePointSlice(output, -MINI_SWE_HEAD_TAIL)}\n</output_tail>`
  );
}

/**
 * mini-swe-agent v2's observation for a command that raised (a timeout): the local environment's
 * `An error occurred while executing the command: {e}`, return code -1 and whatever the command printed.
 */
export function renderMiniSweException(message: string, output = ''): string {
  return renderMiniSweObservation(-1, output, `An error occurred while executing the command: ${message}`);
}

/** Python's `subprocess.TimeoutExpired` text, as mini-swe-agent's local environment reports a timeout. */
export function miniSweTimeoutMessage(command: string, seconds: number): string {
  return `Command '${command}' timed out after ${seconds} seconds`;
}

/**
 * Whether an output submits the task, as mini-swe-agent's environment decides: return code 0 and the first line
 * of the output (leading whitespace dropped) is `COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT`.
 */
export function isMiniSweSubmission(returncode: number, output: string): boolean {
  const first = output.trimStart().split(/\r\n|\n|\r/)[0] ?? '';
  return returncode === 0 && first.trim() === 'COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT';
}

/** The lines of a text as a file viewer counts them (a final newline ends the last line, adds none). */
export function fileLines(content: string): string[] {
  if (content.length === 0) return [];
  const lines = content.split('\n');
  if (content.endsWith('\n')) lines.pop();
  return lines;
}

/** Claude Code's numbered view: line numbers right-aligned in six columns, then an arrow, then the text. */
export function renderClaudeNumberedLines(lines: readonly string[], firstLine = 1): string {
  return lines.map((line, index) => `${String(firstLine + index).padStart(6)}→${line}`).join('\n');
}

/** `cat -n`'s numbered view (swe-agent's editor): six columns, then a tab. */
export function renderCatNumberedLines(lines: readonly string[], firstLine = 1): string {
  return lines.map((line, index) => `${String(firstLine + index).padStart(6)}\t${line}`).join('\n');
}

/** Claude Code's Read result for a file's content (offset is 1-based). */
export function renderClaudeRead(content: string, offset = 1, limit = 2000): string {
  const lines = fileLines(content);
  return renderClaudeNumberedLines(lines.slice(offset - 1, offset - 1 + limit), offset);
}

export function renderClaudeWriteCreated(path: string): string {
  return `File created successfully at: ${path}`;
}

/** Claude Code's answer after an Edit (or a Write over an existing file), with a numbered snippet. */
export function renderClaudeFileUpdated(
  path: string,
  content: string,
  aroundLine: number,
  context = 4,
): string {
  const lines = fileLines(content);
  const first = Math.max(1, aroundLine - context);
  const last = Math.min(lines.length, aroundLine + context);
  const snippet = renderClaudeNumberedLines(lines.slice(first - 1, last), first);
  return `The file ${path} has been updated. Here's the result of running \`cat -n\` on a snippet of the edited file:\n${snippet}`;
}

/** The fields of gemini-cli's run_shell_command result, in the order it prints them. */
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
  /** The folder relative to the project root; undefined prints `(root)`. */
  readonly directory?: string | undefined;
  readonly output: string;
  readonly error?: string | undefined;
  readonly exitCode?: number | undefined;
  readonly signal?: string | undefined;
  readonly backgroundPids?: readonly number[] | undefined;
  readonly processGroup?: number | undefined;
}

const orNone = (value: string | undefined): string =>
  value === undefined || value.length === 0 ? '(none)' : value;

/** gemini-cli's run_shell_command envelope; empty fields print `(none)`. */
export function renderGeminiShellEnvelope(result: GeminiShellResult): string {
  const output = result.output.replace(/\n+$/, '');
  return [
    `Command: ${result.command}`,
    `Directory: ${result.directory ?? '(root)'}`,
    `Output: ${orNone(output)}`,
    `Error: ${orNone(result.error)}`,
    `Exit Code: ${result.exitCode === undefined ? '(none)' : String(result.exitCode)}`,
    `Signal: ${orNone(result.signal)}`,
    `Background PIDs: ${result.backgroundPids === undefined || result.backgroundPids.length === 0 ? '(none)' : result.backgroundPids.join(', ')}`,
    `Process Group PGID: ${result.processGroup === undefined ? '(none)' : String(result.processGroup)}`,
  ].join('\n');
}

/** swe-agent's answer for a command that printed nothing. */
export { SWE_AGENT_NO_OUTPUT } from './harness-presentation.js';

/** swe-agent's editor view of a whole file (see swe-agent-editor.ts for its other answers). */
export { renderSweAgentView } from './swe-agent-editor.js';
