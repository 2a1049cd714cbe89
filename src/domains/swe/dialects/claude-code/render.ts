/** Claude Code's observation renderer: Read's numbered view and the Write/Edit confirmations. */
import { fileLines } from '../../observation-format.js';

/** Claude Code's numbered view: line numbers right-aligned in six columns, then an arrow, then the text. */
export function renderClaudeNumberedLines(lines: readonly string[], firstLine = 1): string {
  return lines.map((line, index) => `${String(firstLine + index).padStart(6)}→${line}`).join('\n');
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
