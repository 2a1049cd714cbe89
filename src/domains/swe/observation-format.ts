/**
 * Text helpers the observation formats of several dialects share. Each harness's own renderer lives in its
 * dialect folder (dialects/<dialect>/render.ts); the real recorder (scripts/record-examples) uses them, so
 * recorded sessions and the checks agree on one definition of every format.
 */

/** A string's length as Python counts it (code points, not UTF-16 units). */
export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** The lines of a text as a file viewer counts them (a final newline ends the last line, adds none). */
export function fileLines(content: string): string[] {
  if (content.length === 0) return [];
  const lines = content.split('\n');
  if (content.endsWith('\n')) lines.pop();
  return lines;
}

/** `cat -n`'s numbered view (swe-agent's editor): six columns, then a tab. */
export function renderCatNumberedLines(lines: readonly string[], firstLine = 1): string {
  return lines.map((line, index) => `${String(firstLine + index).padStart(6)}\t${line}`).join('\n');
}
