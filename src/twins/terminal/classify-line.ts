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
  variablesUnknown = false,
): string | undefined {
  if (/\$\((?!\()|`|<\(|>\(/.test(line)) return 'command or process substitution';
  if (UNREPRODUCIBLE_VARIABLES.test(line)) return 'randomness, time or process ids';
  const parsed = parseShellLine(line, { lookup, home });
  if (parsed.incomplete) return 'continuation line';
  // After a model-answered turn (a `read`, a sourced script …) an unset variable may be set in the real shell.
  const unsetVariable = (word: { readonly unresolved: boolean; readonly raw: string }): boolean =>
    word.unresolved && /\$\{?[A-Za-z_]/.test(word.raw);
  if (variablesUnknown && parsed.commands.some((command) => command.words.some(unsetVariable))) {
    return 'a variable a model-answered turn may have set';
  }
  for (const command of parsed.commands) {
    if (command.after === '&' || command.before === '&') return 'background job';
    const words = command.words.map((word) => word.text);
    const start = command.words.findIndex((word) => !ASSIGNMENT.test(word.raw));
    if (start < 0) continue;
    const name = command.words[start];
    if (name === undefined || name.unresolved || (name.glob && name.text !== '['))
      return 'program name from an expansion';
    const outside = commandOutsideAllowList(words.slice(start));
    if (outside !== undefined) return outside;
    // GNU wc pads several counts of its standard input to 7 columns for a pipe but to the size's digits for a
    // redirected file; the virtual wc cannot tell which it reads.
    if (name.text === 'wc' && command.redirects.some((redirect) => redirect.operator === '<')) {
      const flags = words.slice(start + 1).filter((word) => word.startsWith('-'));
      const counts = new Set(flags.flatMap((flag) => [...flag.slice(1)]));
      if (counts.size !== 1) return 'option not verified: wc of a redirected file with several counts';
    }
    const stdin = terminalInput(name.text, words.slice(start + 1), command);
    if (stdin !== undefined) return stdin;
    if (name.text === 'export' || name.text === 'unset') {
      if (words.length === start + 1) return 'lists the environment';
    }
  }
  return undefined;
}

/** Programs that read their standard input when given no file operand. */
const STDIN_READERS: Readonly<
  Record<string, { readonly patternFirst?: boolean; readonly always?: boolean }>
> = {
  cat: {},
  head: {},
  tail: {},
  wc: {},
  sort: {},
  uniq: {},
  cut: {},
  rev: {},
  tee: { always: true },
  tr: { always: true },
  grep: { patternFirst: true },
  sed: { patternFirst: true },
  awk: { patternFirst: true },
};
const OPTION_ARGUMENT: Readonly<Record<string, string>> = {
  head: 'nc',
  tail: 'nc',
  cut: 'dfc',
  grep: 'e',
  sed: 'e',
  awk: 'F',
};

/** A reason when the command would wait for the terminal's keyboard (or read a file it also writes). */
function terminalInput(
  name: string,
  args: readonly string[],
  command: {
    readonly before: string | undefined;
    readonly redirects: readonly { readonly operator: string }[];
  },
): string | undefined {
  const reader = STDIN_READERS[name];
  if (reader === undefined) return undefined;
  const piped = command.before === '|' || command.before === '|&';
  const redirected = command.redirects.some((redirect) => redirect.operator.startsWith('<'));
  if (name === 'tee' && redirected) return 'tee reading a redirected file';
  let operands = 0;
  let patternGiven = false;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (arg.startsWith('-') && arg !== '-' && arg.length > 1) {
      const takes = OPTION_ARGUMENT[name] ?? '';
      const letter = arg[arg.length - 1] ?? '';
      if (arg.length === 2 && takes.includes(letter)) index++;
      if (arg.includes('e') && (name === 'grep' || name === 'sed')) patternGiven = true;
      continue;
    }
    operands++;
  }
  const files = reader.patternFirst && !patternGiven ? operands - 1 : operands;
  if ((reader.always === true || files <= 0) && !piped && !redirected)
    return 'reads the terminal (waits for input)';
  return undefined;
}
