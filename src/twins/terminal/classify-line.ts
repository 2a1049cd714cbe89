/** Whether the twin may run a command line at all: allowed programs and options, nothing it cannot reproduce. */
import { parseShellLine } from '../../domains/terminal/shell-words.js';
import { commandOutsideAllowList } from './allow-list.js';
import { commandSubstitutions, commandWords } from './shell-keywords.js';
import { scriptBuiltin, scriptDeclineReason } from './shell-scripts.js';
import { testExpressionProblem } from './test-expressions.js';

const UNREPRODUCIBLE_VARIABLES =
  /\$\{?(?:RANDOM|SRANDOM|SECONDS|EPOCHSECONDS|EPOCHREALTIME|BASHPID|PPID|\$|!)/;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

export interface LineExtras {
  /** The text of the script a program path (`./run.sh`) or `bash FILE` names, when the twin knows it. */
  readonly scriptOf?: ((path: string) => string | undefined) | undefined;
  /** Functions defined before this line (in a script). */
  readonly functions?: ReadonlySet<string>;
  /** The line is one of a script's: `set -e` and `exit N` end only the script. */
  readonly inScript?: boolean;
}

/** The reason the twin declines `line`, or undefined when it may run it. */
export function declineReason(
  line: string,
  lookup: (name: string) => string | undefined,
  home: string,
  variablesUnknown = false,
  extras: LineExtras = {},
): string | undefined {
  if (UNREPRODUCIBLE_VARIABLES.test(line)) return 'randomness, time or process ids';
  const substitutions = commandSubstitutions(line);
  if (substitutions.kind === 'unsupported') return substitutions.reason;
  for (const inner of substitutions.texts) {
    // `ls` lays its names out for where its output goes: a substitution's is a pipe, the line's may be the pane.
    if (/(^|[\s;&|(])ls(\s|$)/.test(inner) && /(^|[\s;&|])ls(\s|$)/.test(line.replace(/\$\([^)]*\)/g, '')))
      return 'ls both in a command substitution and on the line';
    const reason = declineReason(inner, lookup, home, variablesUnknown);
    if (reason !== undefined) return `in a command substitution: ${reason}`;
  }
  const parsed = parseShellLine(line, { lookup, home });
  if (parsed.incomplete) return 'continuation line';
  const loopVariables = new Set<string>();
  const functions = new Set(extras.functions ?? []);
  for (const command of parsed.commands) {
    const shape = commandWords(command.words.map((word) => word.text));
    if (shape.kind === 'keywords' && shape.loopVariable !== undefined) loopVariables.add(shape.loopVariable);
  }
  // `greet() { …; }` parses as `greet` before `(`, then `{ …` after `)`: the name is a function's, not a program's.
  const functionHeads = new Set<number>();
  parsed.commands.forEach((command, position) => {
    const next = parsed.commands[position + 1];
    const name = command.words[0];
    if (command.after === '(' && command.words.length === 1 && name !== undefined && next?.before === ')') {
      if (next.words[0]?.text !== '{') return;
      functions.add(name.text);
      functionHeads.add(position);
    }
  });
  // After a model-answered turn (a `read`, a sourced script …) an unset variable may be set in the real shell.
  const unsetVariable = (word: { readonly unresolved: boolean; readonly raw: string }): boolean =>
    word.unresolved &&
    [...word.raw.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].some(
      (match) => !loopVariables.has(match[1] ?? ''),
    );
  if (variablesUnknown && parsed.commands.some((command) => command.words.some(unsetVariable))) {
    return 'a variable a model-answered turn may have set';
  }
  for (const [position, command] of parsed.commands.entries()) {
    if (command.after === '&' || command.before === '&') return 'background job';
    if (functionHeads.has(position)) continue;
    const shape = commandWords(command.words.map((word) => word.text));
    if (shape.kind === 'unsupported') return shape.reason;
    if (shape.kind === 'keywords') continue;
    const words = command.words.map((word) => word.text);
    const found = command.words.slice(shape.start).findIndex((word) => !ASSIGNMENT.test(word.raw));
    if (found < 0) continue;
    const start = shape.start + found;
    const name = command.words[start];
    if (name === undefined || name.unresolved || (name.glob && name.text !== '['))
      return 'program name from an expansion';
    if (functions.has(name.text)) continue;
    if (extras.inScript === true && scriptBuiltin(words.slice(start))) continue;
    const scriptPath = name.text.includes('/')
      ? name.text
      : name.text === 'bash'
        ? words[start + 1]
        : undefined;
    const script = scriptPath === undefined ? undefined : extras.scriptOf?.(scriptPath);
    if (scriptPath !== undefined && script !== undefined) {
      if (parsed.commands.some((other) => other.words[0]?.text === 'cd'))
        return 'a script run after cd on the same line';
      if (name.text === 'bash' && words.slice(start + 1).some((word) => word.startsWith('-')))
        return 'option not verified: bash with options';
      const reason = scriptDeclineReason(script, lookup, home);
      if (reason !== undefined) return `in script ${scriptPath}: ${reason}`;
      continue;
    }
    const outside = commandOutsideAllowList(words.slice(start));
    if (outside !== undefined) return outside;
    const testProblem = testExpressionProblem(name.text, command.words.slice(start + 1));
    if (testProblem !== undefined) return testProblem;
    // GNU wc pads several counts of its standard input to 7 columns for a pipe but to the size's digits for a
    // redirected file; the virtual wc cannot tell which it reads.
    if (name.text === 'wc' && command.redirects.some((redirect) => redirect.operator === '<')) {
      const flags = words.slice(start + 1).filter((word) => word.startsWith('-'));
      const counts = new Set(flags.flatMap((flag) => [...flag.slice(1)]));
      if (counts.size !== 1) return 'option not verified: wc of a redirected file with several counts';
    }
    const next = parsed.commands[position + 1]?.words.map((word) => word.text) ?? [];
    const pipedInto = command.after === '|' ? next : [];
    const unbounded = unboundedOutput(name.text, words.slice(start + 1), pipedInto);
    if (unbounded !== undefined) return unbounded;
    const stdin = terminalInput(name.text, words.slice(start + 1), command);
    if (stdin !== undefined) return stdin;
    if (name.text === 'export' || name.text === 'unset') {
      if (words.length === start + 1) return 'lists the environment';
    }
  }
  return undefined;
}

/** Largest `head` count after `yes` (the twin's `yes` prints that many lines). */
export const YES_LINES = 10_000;

/**
 * A reason when a program's output is endless or in an order the twin does not know: `yes` not cut by
 * `head -n N`, `env`/`printenv` listing the whole environment anywhere but into `sort`.
 */
function unboundedOutput(
  name: string,
  args: readonly string[],
  pipedInto: readonly string[],
): string | undefined {
  if (name === 'yes') {
    const [head, option, value] = pipedInto;
    const count =
      option === '-n'
        ? Number(value)
        : /^-n?\d+$/.test(option ?? '')
          ? Number(option?.replace(/^-n?/, ''))
          : NaN;
    if (head !== 'head' || !(count <= YES_LINES) || pipedInto.length > (option === '-n' ? 3 : 2))
      return 'yes not cut by head -n N';
  }
  if (name === 'find') return findProblem(args, pipedInto);
  if (name === 'timeout' && (args[1] !== 'sleep' || args.length !== 3))
    return 'timeout running other than sleep N';
  if (name === 'xargs') {
    let index = 0;
    while (index < args.length && /^-/.test(args[index] ?? '')) {
      if (args[index] === '-n' && /^\d+$/.test(args[index + 1] ?? '')) index += 2;
      else if (/^-n\d+$/.test(args[index] ?? '')) index += 1;
      else return `option not verified: xargs ${args[index]}`;
    }
    const inner = args.slice(index);
    if (inner.length > 0) {
      const outside = commandOutsideAllowList(inner);
      if (outside !== undefined) return `run by xargs: ${outside}`;
      if (inner[0] === 'find' || inner[0] === 'xargs' || inner[0] === 'yes' || inner[0] === 'ls')
        return `run by xargs: ${inner[0]} not verified`;
    }
  }
  if ((name === 'env' || name === 'printenv') && args.length === 0) {
    if (pipedInto[0] !== 'sort' || pipedInto.length !== 1)
      return 'lists the environment in an order not verified (only into sort)';
  }
  return undefined;
}

/** find's tests and options the twin verified; actions (-exec, -delete, -printf …) and times are not. */
const FIND_WITH_VALUE = new Set(['-name', '-iname', '-path', '-type', '-maxdepth', '-mindepth']);
const FIND_ALONE = new Set(['-o', '-a', '-not', '!', '-print']);

/**
 * Why the twin declines `find args`: GNU find lists in the directory's read order, which the twin does not know
 * for the sandbox's directories, so only output that is sorted or counted (`| sort`, `| wc -l`) is answered.
 */
function findProblem(args: readonly string[], pipedInto: readonly string[]): string | undefined {
  const [next, ...nextArgs] = pipedInto;
  const orderFree = next === 'sort' || (next === 'wc' && nextArgs.join(' ') === '-l');
  if (!orderFree) return 'find output in directory read order (only into sort or wc -l)';
  let index = 0;
  while (index < args.length && !(args[index] ?? '').startsWith('-') && args[index] !== '!') index++;
  for (; index < args.length; index++) {
    const arg = args[index] ?? '';
    if (FIND_WITH_VALUE.has(arg)) {
      const value = args[++index];
      if (value === undefined) return `option not verified: find ${arg} without a value`;
      if (arg === '-type' && value !== 'f' && value !== 'd')
        return `option not verified: find -type ${value}`;
      continue;
    }
    if (!FIND_ALONE.has(arg)) return `option not verified: find ${arg}`;
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
  xargs: { always: true },
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
