import { parseShellLine, type ShellWord } from '../shell-words.js';
import type { LineRewrite } from './screen-blocks.js';
import { baseName, commandsOfLine, type ShellCommandInfo } from './shell-commands.js';

/**
 * The exit status a failing command leaves in `$?`, from the messages it printed: curl's `(N)` code, 127 for a
 * missing program, 137 for the OOM killer's SIGKILL, the tools' own statuses for network failures, else 1.
 */
export function failureStatus(command: ShellCommandInfo, lines: readonly string[]): number {
  const text = lines.join('\n');
  const curl = /^curl: \((\d+)\)/m.exec(text);
  if (curl !== null) return Number(curl[1]);
  if (/: command not found$/m.test(text)) return 127;
  if (/^Killed$/m.test(text)) return 137;
  if (/: Permission denied$/m.test(text) && command.name.includes('/')) return 126;
  switch (baseName(command.name)) {
    case 'wget':
      return 4;
    case 'git':
      return 128;
    case 'ssh':
    case 'scp':
      return 255;
    case 'ping':
      return /name resolution/.test(text) ? 2 : 1;
    case 'apt':
    case 'apt-get':
      return 100;
    case 'nslookup':
    case 'dig':
      return /no servers could be reached/.test(text) ? (baseName(command.name) === 'dig' ? 9 : 1) : 1;
    default:
      return 1;
  }
}

/**
 * What a builtin whose output can be worked out prints, given `$?` (`status`, or any number when undefined):
 * `echo` of words whose only unknown expansion is `$?`, `true`, `false`, `:`; undefined for anything else.
 * A command whose output goes to a file or a pipe prints nothing on the screen itself, but only `echo … > file`
 * is worked out. `ok` is whether it succeeds (its `$?`).
 */
function predictedOutput(
  words: readonly ShellWord[],
  redirects: readonly { operator: string }[],
  piped: boolean,
  status: number | undefined,
): { lines: RegExp[] | string[]; ok: boolean } | undefined {
  if (piped) return undefined;
  const [name, ...args] = words;
  if (name === undefined || name.unresolved) return undefined;
  if (name.text === 'true' || name.text === ':') return { lines: [], ok: true };
  if (name.text === 'false') return { lines: [], ok: false };
  if (name.text !== 'echo' || args.some((word) => word.glob)) return undefined;
  if (args[0] !== undefined && /^-[neE]+$/.test(args[0].text)) return undefined;
  const toFile = redirects.some((redirect) => /^(?:>|>>|>\||&>|&>>)$/.test(redirect.operator));
  if (redirects.some((redirect) => !/^(?:>|>>|>\||&>|&>>)$/.test(redirect.operator))) return undefined;
  for (const word of args) {
    if (word.unresolved && word.text.replaceAll('$?', '').includes('$')) return undefined;
  }
  if (toFile) return { lines: [], ok: true };
  const text = args.map((word) => word.text).join(' ');
  if (status !== undefined) return { lines: [text.replaceAll('$?', String(status))], ok: true };
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll('\\$\\?', '\\d+');
  return { lines: [new RegExp(`^${escaped}$`)], ok: true };
}

/**
 * Runs a command line in the mind's eye with some commands failing: `fail` gives the messages of a command
 * that fails (undefined when it succeeds). `&&` skips what follows a failure and `||` what follows a success,
 * as bash does. Returns how the line's output changes, or undefined when no command fails.
 *
 * The real output of the commands after the failure is kept where it can be told apart: when the line ends in
 * commands whose output can be worked out (`echo status $?`, `true`, `false`), their lines are found at the end
 * of `realOutput`, taken off it (`tailLines`), and printed again as the shell would print them after the failure
 * (`after`, with `$?` the failure's status; a command that `&&`/`||` now skips prints nothing). The output of
 * other commands between the failure and them cannot be told from the failing command's own and is lost.
 */
export function failCommandLine(
  line: string,
  fail: (command: ShellCommandInfo, position: number) => readonly string[] | undefined,
  home = '/root',
  realOutput?: readonly string[],
  statusOf: (command: ShellCommandInfo, lines: readonly string[]) => number = failureStatus,
): LineRewrite | undefined {
  const commands = commandsOfLine(line, home);
  const parsed = parseShellLine(line, { lookup: () => undefined, home }).commands;
  const messages: string[] = [];
  let firstFailure: number | undefined;
  let lastFailed = false;
  let cdSkipped = false;
  /** `$?` after each command as the rendering runs it (undefined: unknown, the real one's). */
  const statusAfter: (number | undefined)[] = [];
  let status: number | undefined;
  commands.forEach((command, position) => {
    const skipped =
      position > 0 && ((command.before === '&&' && lastFailed) || (command.before === '||' && !lastFailed));
    if (skipped) {
      if (command.name === 'cd' && firstFailure !== undefined) cdSkipped = true;
      statusAfter[position] = status;
      return;
    }
    const lines = fail(command, position);
    if (lines === undefined) {
      lastFailed = false;
      status = firstFailure === undefined ? undefined : 0;
      statusAfter[position] = status;
      return;
    }
    messages.push(...lines);
    if (command.name === 'cd') cdSkipped = true;
    lastFailed = true;
    status = statusOf(command, lines);
    statusAfter[position] = status;
    firstFailure ??= position;
  });
  if (firstFailure === undefined) return undefined;
  // The commands before the failure printed what they print in the real output's first lines; the failing
  // program's real output follows them and must go. When their lines can be worked out they are kept and the rest
  // replaced; otherwise the real output is kept whole and the messages appended (the old rendering).
  const before =
    firstFailure === 0 || realOutput === undefined || parsed.length !== commands.length
      ? undefined
      : leadingOutput(parsed, firstFailure, realOutput);
  const mode = firstFailure === 0 || before !== undefined ? 'replace' : 'append';
  const lines = before === undefined ? messages : [...before, ...messages];
  const tail =
    realOutput === undefined
      ? undefined
      : trailingOutput(commands.length, firstFailure, parsed, statusAfter, realOutput);
  if (
    tail === undefined ||
    tail.after.length + tail.tailLines === 0 ||
    tail.tailLines > (realOutput?.length ?? 0) - (before?.length ?? 0)
  )
    return { mode, lines, cdSkipped };
  return {
    mode,
    lines,
    cdSkipped,
    tailLines: tail.tailLines,
    after: tail.after,
    status: tail.status,
  };
}

/** Programs that print nothing when they succeed (a failure of theirs stops an `&&` chain). */
const QUIET_ON_SUCCESS = new Set([
  'cd',
  'export',
  'mkdir',
  'touch',
  'cp',
  'mv',
  'rm',
  'ln',
  'chmod',
  'rmdir',
]);

/**
 * The lines the commands before the first failure (`count` of them) printed, taken from the start of the real
 * output when each one's output can be worked out (`true`, `echo …`, or a program quiet on success that an `&&`
 * joins to the next command); undefined when one cannot, or the real output does not start with them.
 */
function leadingOutput(
  parsed: readonly {
    words: readonly ShellWord[];
    redirects: readonly { operator: string }[];
    before: string | undefined;
    after: string | undefined;
  }[],
  count: number,
  realOutput: readonly string[],
): string[] | undefined {
  const shown: string[] = [];
  for (let index = 0; index < count; index++) {
    const command = parsed[index];
    if (command === undefined || command.before === '|' || command.before === '|&') return undefined;
    if (command.after === '|' || command.after === '|&' || command.after === '&') return undefined;
    const name = command.words[0];
    const quiet =
      name !== undefined &&
      !name.unresolved &&
      QUIET_ON_SUCCESS.has(name.text) &&
      command.after === '&&' &&
      command.redirects.length === 0;
    if (quiet) continue;
    const printed = predictedOutput(command.words, command.redirects, false, undefined);
    if (printed === undefined) return undefined;
    for (const pattern of printed.lines as RegExp[]) {
      const line = realOutput[shown.length];
      if (line === undefined || !pattern.test(line)) return undefined;
      shown.push(line);
    }
    // A command that fails (`false`) makes `&&` skip, and the failing program would not have run.
    if (!printed.ok && command.after === '&&') return undefined;
  }
  return shown;
}

/**
 * The trailing commands of a line (after the failure) whose output can be worked out: how many lines of the
 * real output are theirs, and what they print after the failure. Undefined when the real output's end does not
 * show them as expected.
 */
function trailingOutput(
  count: number,
  firstFailure: number,
  parsed: readonly {
    words: readonly ShellWord[];
    redirects: readonly { operator: string }[];
    before: string | undefined;
    after: string | undefined;
  }[],
  statusAfter: readonly (number | undefined)[],
  realOutput: readonly string[],
): { tailLines: number; after: string[]; status: number } | undefined {
  if (parsed.length !== count) return undefined;
  const piped = (index: number) => {
    const command = parsed[index];
    return (
      command !== undefined &&
      (command.before === '|' ||
        command.before === '|&' ||
        command.after === '|' ||
        command.after === '|&' ||
        command.after === '&')
    );
  };
  // The trailing commands whose output can be worked out.
  let start = count;
  while (start - 1 > firstFailure) {
    const command = parsed[start - 1];
    if (
      command === undefined ||
      predictedOutput(command.words, command.redirects, piped(start - 1), 7) === undefined
    )
      break;
    start -= 1;
  }
  if (start === count) return undefined;
  // Their lines at the end of the real output, from the last command back; one chained with && or || may not
  // have run in the real shell.
  const output = realOutput;
  let end = output.length;
  for (let index = count - 1; index >= start; index--) {
    const command = parsed[index] as (typeof parsed)[number];
    const expected = predictedOutput(command.words, command.redirects, false, undefined)?.lines as RegExp[];
    const from = end - expected.length;
    const shown = from >= 0 && expected.every((pattern, offset) => pattern.test(output[from + offset] ?? ''));
    if (shown) end = from;
    else if (command.before !== '&&' && command.before !== '||') return undefined;
  }
  // What they print after the failure, with the rendering's `$?`.
  const after: string[] = [];
  let status = statusAfter[start - 1];
  let lastOk = status === undefined || status === 0;
  for (let index = start; index < count; index++) {
    const command = parsed[index] as (typeof parsed)[number];
    const skipped = (command.before === '&&' && !lastOk) || (command.before === '||' && lastOk);
    if (skipped) continue;
    const printed = predictedOutput(command.words, command.redirects, false, status ?? 0);
    if (printed === undefined) return undefined;
    after.push(...(printed.lines as string[]));
    status = printed.ok ? 0 : 1;
    lastOk = printed.ok;
  }
  return { tailLines: realOutput.length - end, after, status: status ?? 0 };
}

/** The messages the first failing command of an action's lines would print (for instructions and fallbacks). */
export function failureMessagesOf(
  lines: readonly string[],
  fail: (command: ShellCommandInfo, position: number) => readonly string[] | undefined,
  home = '/root',
): string[] {
  const messages: string[] = [];
  for (const line of lines) {
    const result = failCommandLine(line, fail, home);
    if (result !== undefined) messages.push(...result.lines);
  }
  return messages;
}
