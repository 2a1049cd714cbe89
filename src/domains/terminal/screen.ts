import { parseTrailingPrompt, screenLines } from './prompt-line.js';
import type { TerminalSetup } from './setup.js';
import type { TerminalMode } from './shell-effects.js';

/** How many lines a real Terminus pane shows. */
export const TERMINAL_PANE_LINES = 40;

/** One command as a terminal shows it: the prompt, the echoed keystrokes, then what the command printed. */
export interface TerminalScreenEntry {
  readonly prompt: string;
  readonly typed: string;
  /** Everything printed (stdout and stderr interleaved); may lack a final newline. */
  readonly output: string;
}

/**
 * Builds screen text the way a terminal shows it: each entry's prompt and echoed command, its output, then
 * the final prompt (omitted while a command still runs), keeping only the last `maxLines` lines as a pane does.
 * Output without a final newline leaves the next prompt on the same line, as bash does.
 */
export function renderTerminalScreen(input: {
  readonly entries: readonly TerminalScreenEntry[];
  readonly finalPrompt?: string | undefined;
  readonly maxLines?: number | undefined;
}): string {
  let text = '';
  for (const entry of input.entries) {
    text += `${entry.prompt}${entry.typed}\n${entry.output}`;
  }
  if (input.finalPrompt !== undefined) text += input.finalPrompt;
  const lines = text.split('\n');
  const maxLines = input.maxLines ?? TERMINAL_PANE_LINES;
  return lines.length > maxLines ? lines.slice(lines.length - maxLines).join('\n') : text;
}

const REPL_PROMPT =
  /^(?:>>>|\.\.\.)(?: |$)|^In \[\d+\]: ?|^(?:sqlite|mysql|MariaDB \[[^\]]*\])> ?|^irb\([^)]*\)[>*] ?|^[A-Za-z_][\w-]*=[#>] ?/;
const PAGER_LINE = /^(?::|\(END\)|--More--.*|.*\(END\)|\s*Manual page .*line \d+.*|lines \d+-\d+.*)$/;

/**
 * The program holding the keyboard, judged from the screen: a prompt on the last line means the shell; a
 * REPL prompt, editor chrome or pager status line mean those; anything else means a command still runs.
 * `hint` is what the typed commands suggest (e.g. `node` was started), used when the screen is ambiguous.
 */
export function detectTerminalMode(
  screen: string,
  setup: Pick<TerminalSetup, 'promptTemplate' | 'home' | 'user' | 'host' | 'symbol'>,
  hint: TerminalMode = 'running',
): TerminalMode {
  const lines = screenLines(screen);
  const last = lines[lines.length - 1] ?? '';
  if (parseTrailingPrompt(last, setup) !== undefined) return 'shell';
  if (REPL_PROMPT.test(last)) return 'repl';
  if (/^> ?$/.test(last)) return hint === 'repl' ? 'repl' : 'running';
  const tildeLines = lines.filter((line) => line === '~').length;
  if (
    tildeLines >= 2 ||
    lines.some((line) => /^-- (?:INSERT|VISUAL|REPLACE)/.test(line.trim())) ||
    (/\^G\s+(?:Get )?Help/.test(screen) && /\^X\s+Exit/.test(screen)) ||
    /GNU nano \d/.test(screen)
  ) {
    return 'editor';
  }
  if (PAGER_LINE.test(last.trimEnd())) return 'pager';
  return hint === 'shell' ? 'running' : hint;
}

/**
 * The question Terminus-2 asks when the agent claims completion, byte for byte as its JSON parser variant words it
 * (terminal_bench/agents/terminus_2/terminus_2.py `_get_completion_confirmation_message`,
 * ethanewer/deepswe-data-gen 677dcd1).
 */
export const TERMINAL_COMPLETION_QUESTION =
  'Are you sure you want to mark the task as complete? This will trigger your solution to be graded and ' +
  'you won\'t be able to make any further corrections. If so, include "task_complete": true in your JSON ' +
  'response again.';

/** The observation for `[]`: the current screen, then the confirmation question. */
export function renderTerminalCompletion(screen: string): string {
  return `Current terminal state:\n${screen}\n\n${TERMINAL_COMPLETION_QUESTION}`;
}
