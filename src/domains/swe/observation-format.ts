/**
 * Renderers of the observation formats each harness prints. The real recorder (scripts/record-examples) uses
 * them, so recorded sessions and the checks agree on one definition of every format.
 */

/** Above this many characters mini-swe-agent shows only the head and tail of an output. */
export const MINI_SWE_OUTPUT_LIMIT = 10_000;
/** How many characters of head and of tail an elided mini-swe-agent output keeps. */
export const MINI_SWE_HEAD_TAIL = 5_000;
/** Our wording of the note that precedes an elided output. */
export const MINI_SWE_ELISION_WARNING =
  '<warning>\nThe output was too long to show in full. Use commands that print less, for example head, tail, grep or a narrower path.\n</warning>';

/** mini-swe-agent's observation: the return code, then the output (elided to head and tail when long). */
export function renderMiniSweObservation(returncode: number, output: string): string {
  const head = `<returncode>${returncode}</returncode>\n`;
  if (output.length <= MINI_SWE_OUTPUT_LIMIT) return `${head}<output>\n${output}</output>`;
  const elided = output.length - 2 * MINI_SWE_HEAD_TAIL;
  return (
    `${head}${MINI_SWE_ELISION_WARNING}\n` +
    `<output_head>\n${output.slice(0, MINI_SWE_HEAD_TAIL)}\n</output_head>\n` +
    `<elided_chars>\n${elided} characters elided\n</elided_chars>\n` +
    `<output_tail>\n${output.slice(-MINI_SWE_HEAD_TAIL)}\n</output_tail>`
  );
}

/** mini-swe-agent's observation for a command that could not run (e.g. it timed out). */
export function renderMiniSweException(message: string, output = ''): string {
  return `<returncode>-1</returncode>\n<exception>\n${message}\n</exception>\n<output>\n${output}</output>`;
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
export const SWE_AGENT_NO_OUTPUT = 'Your command ran successfully and did not produce any output.';

/** swe-agent's editor view of a file. */
export function renderSweAgentView(path: string, content: string, firstLine = 1, lastLine?: number): string {
  const lines = fileLines(content);
  const shown = lines.slice(firstLine - 1, lastLine ?? lines.length);
  return `Here's the result of running \`cat -n\` on ${path}:\n${renderCatNumberedLines(shown, firstLine)}\n`;
}
