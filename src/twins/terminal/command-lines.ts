/**
 * Splits a Terminus keystroke string into the command lines bash reads, with here-document bodies attached to
 * the line that opened them (bash asks for them with its continuation prompt, shown as `> `).
 */
import { parseShellLine } from '../../domains/terminal/shell-words.js';

export interface CommandLine {
  /** The whole input bash runs: the line, then the here-document lines, newline-joined. */
  readonly script: string;
  /** How the screen shows it: continuation lines after `> `. */
  readonly typed: string;
}

export type SplitResult =
  | { readonly kind: 'lines'; readonly lines: readonly CommandLine[] }
  | { readonly kind: 'unsupported'; readonly reason: string };

/** The command lines of `keystrokes`, which must end with Enter. */
export function splitCommandLines(keystrokes: string, home: string): SplitResult {
  const text = keystrokes.replace(/\r\n?/g, '\n');
  if (!text.endsWith('\n')) return { kind: 'unsupported', reason: 'keystrokes without Enter' };
  const raw = text.slice(0, -1).split('\n');
  const lines: CommandLine[] = [];
  for (let index = 0; index < raw.length; index++) {
    const line = raw[index] ?? '';
    const parsed = parseShellLine(line, { lookup: () => '', home });
    if (parsed.incomplete)
      return { kind: 'unsupported', reason: 'continuation line (open quote or operator)' };
    const bodies: string[] = [];
    for (const document of parsed.hereDocuments) {
      for (;;) {
        index++;
        const next = raw[index];
        if (next === undefined) return { kind: 'unsupported', reason: 'here-document without its end' };
        bodies.push(next);
        const shown = document.stripTabs ? next.replace(/^\t+/, '') : next;
        if (shown === document.delimiter) break;
      }
    }
    lines.push({
      script: [line, ...bodies].join('\n'),
      typed: [line, ...bodies.map((body) => `> ${body}`)].join('\n'),
    });
  }
  return { kind: 'lines', lines };
}
