/** Whether the twin may run a command line at all: allowed programs and options, nothing it cannot reproduce. */
import { parseShellLine } from '../../domains/terminal/shell-words.js';
import { commandOutsideAllowList } from './allow-list.js';

const UNREPRODUCIBLE_VARIABLES =
  /\$\{?(?:RANDOM|SRANDOM|SECONDS|EPOCHSECONDS|EPOCHREALTIME|BASHPID|PPID|\$|!)/;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** The reason the twin declines `line`, or undefined when it may run it. */
export function declineReason(
  line: string,
  lookup: (name: string) => string | undefined,
  home: string,
): string | undefined {
  if (/\$\(|`|<\(|>\(/.test(line)) return 'command or process substitution';
  if (UNREPRODUCIBLE_VARIABLES.test(line)) return 'randomness, time or process ids';
  const parsed = parseShellLine(line, { lookup, home });
  if (parsed.incomplete) return 'continuation line';
  for (const command of parsed.commands) {
    if (command.after === '&' || command.before === '&') return 'background job';
    const words = command.words.map((word) => word.text);
    const start = command.words.findIndex((word) => !ASSIGNMENT.test(word.raw));
    if (start < 0) continue;
    const name = command.words[start];
    if (name === undefined || name.unresolved || name.glob) return 'program name from an expansion';
    const outside = commandOutsideAllowList(words.slice(start));
    if (outside !== undefined) return outside;
    if (name.text === 'export' || name.text === 'unset') {
      if (words.length === start + 1) return 'lists the environment';
    }
  }
  return undefined;
}
