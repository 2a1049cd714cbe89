import { isTerminalControlKey, isTerminalEnterKey } from '../dialects/terminus/index.js';
import { parseShellLine, type ShellRedirect, type SimpleCommand } from '../shell-words.js';

/** Commands bash runs itself: they never go missing and never get killed on their own. */
export const SHELL_BUILTINS: ReadonlySet<string> = new Set([
  '.',
  ':',
  '[',
  'alias',
  'bg',
  'cd',
  'declare',
  'echo',
  'eval',
  'exec',
  'exit',
  'export',
  'false',
  'fg',
  'history',
  'jobs',
  'kill',
  'local',
  'printf',
  'pwd',
  'read',
  'set',
  'shift',
  'source',
  'test',
  'true',
  'type',
  'ulimit',
  'umask',
  'unalias',
  'unset',
  'wait',
]);

/** Words that run the next word as the command (`sudo make`, `time pytest`). */
const COMMAND_PREFIXES: ReadonlySet<string> = new Set(['sudo', 'time', 'nohup', 'env', 'command', 'nice']);

/** Options that take the next word as their value, per command (so the value is not read as a file). */
const OPTIONS_WITH_VALUES: Readonly<Record<string, readonly string[]>> = {
  head: ['-n', '-c'],
  tail: ['-n', '-c'],
  grep: ['-e', '-f', '-m', '-A', '-B', '-C'],
  sort: ['-k', '-t', '-o'],
  cut: ['-d', '-f', '-c'],
  cp: ['-t', '-S'],
  mv: ['-t', '-S'],
  mkdir: ['-m'],
  chmod: [],
  tar: ['-f', '-C'],
  git: ['-C', '-c'],
  pip: ['-r', '-c', '-i', '--index-url', '-t', '--target'],
  pip3: ['-r', '-c', '-i', '--index-url', '-t', '--target'],
  curl: ['-o', '-H', '-d', '-X', '-u', '-A', '-e', '--output', '--data', '--header'],
  wget: ['-O', '-P', '-o', '--output-document'],
  ssh: ['-p', '-i', '-l', '-o'],
  ping: ['-c', '-i', '-W', '-w'],
};

/** Commands whose first operand is a pattern or a script, not a file. */
const PATTERN_FIRST: ReadonlySet<string> = new Set(['grep', 'egrep', 'fgrep', 'rg', 'sed', 'awk']);

/** One simple command of a line, with the command word found and its arguments. */
export interface ShellCommandInfo {
  /** The command name as typed (`python3`, `./run.sh`); empty for a bare redirect. */
  readonly name: string;
  /** The words after the command name. */
  readonly args: readonly string[];
  readonly redirects: readonly ShellRedirect[];
  /** The operator before this command (`&&`, `||`, `;`, `|` …), undefined for the first. */
  readonly before: string | undefined;
}

function isAssignment(word: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*=/.test(word);
}

/** The command word and arguments of a simple command, skipping assignments and `sudo`-like prefixes. */
export function describeCommand(command: SimpleCommand): ShellCommandInfo {
  const words = command.words.map((word) => word.text);
  let start = 0;
  while (start < words.length) {
    const word = words[start] as string;
    if (isAssignment(word) || COMMAND_PREFIXES.has(word)) start += 1;
    else break;
  }
  return {
    name: words[start] ?? '',
    args: words.slice(start + 1),
    redirects: command.redirects,
    before: command.before,
  };
}

/** The simple commands of one command line, described. */
export function commandsOfLine(line: string, home = '/root'): ShellCommandInfo[] {
  return parseShellLine(line, { lookup: () => undefined, home }).commands.map(describeCommand);
}

/**
 * The command lines a terminal action submits to the shell: the text typed up to each Enter, with
 * here-document bodies left out. C-c and C-u drop what was typed so far.
 */
export function submittedLines(action: unknown): string[] {
  if (!Array.isArray(action)) return [];
  const lines: string[] = [];
  let pending = '';
  const submit = (): void => {
    lines.push(pending);
    pending = '';
  };
  for (const command of action) {
    const keystrokes =
      command !== null && typeof command === 'object' && typeof command.keystrokes === 'string'
        ? (command.keystrokes as string)
        : '';
    if (keystrokes === '') continue;
    if (isTerminalControlKey(keystrokes)) {
      if (isTerminalEnterKey(keystrokes)) submit();
      else if (keystrokes === 'C-c' || keystrokes === 'C-u') pending = '';
      continue;
    }
    for (const char of keystrokes.replace(/\r\n/g, '\n')) {
      if (char === '\n' || char === '\r') submit();
      else if (char === '\u0003') pending = '';
      else pending += char;
    }
  }
  return withoutHereDocumentBodies(lines).filter((line) => line.trim().length > 0);
}

function withoutHereDocumentBodies(lines: readonly string[]): string[] {
  const kept: string[] = [];
  let delimiters: { delimiter: string; stripTabs: boolean }[] = [];
  for (const line of lines) {
    const open = delimiters[0];
    if (open !== undefined) {
      if ((open.stripTabs ? line.replace(/^\t+/, '') : line) === open.delimiter)
        delimiters = delimiters.slice(1);
      continue;
    }
    kept.push(line);
    delimiters = [...parseShellLine(line, { lookup: () => undefined, home: '/root' }).hereDocuments];
  }
  return kept;
}

/** Every simple command an action submits, line by line. */
export function actionCommands(action: unknown): ShellCommandInfo[] {
  return submittedLines(action).flatMap((line) => commandsOfLine(line));
}

/** The arguments that are not options (and not the values of options), in order. */
export function operandsOf(command: ShellCommandInfo): string[] {
  const base = baseName(command.name);
  const withValues = OPTIONS_WITH_VALUES[base] ?? [];
  const operands: string[] = [];
  let afterDoubleDash = false;
  for (let index = 0; index < command.args.length; index++) {
    const arg = command.args[index] as string;
    if (!afterDoubleDash && arg === '--') {
      afterDoubleDash = true;
      continue;
    }
    if (!afterDoubleDash && arg.startsWith('-') && arg !== '-') {
      if (withValues.includes(arg)) index += 1;
      continue;
    }
    operands.push(arg);
  }
  return PATTERN_FIRST.has(base) && !command.args.includes('-e') ? operands.slice(1) : operands;
}

/** The last path component of a command name (`/usr/bin/python3` → `python3`). */
export function baseName(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash === -1 ? name : name.slice(slash + 1);
}

/** Redirect targets that write to a file (not to /dev/null or another descriptor). */
export function writtenRedirects(command: ShellCommandInfo): string[] {
  return command.redirects
    .filter((redirect) => ['>', '>>', '>|', '&>', '&>>'].includes(redirect.operator))
    .map((redirect) => redirect.target?.text ?? '')
    .filter(
      (target) => target !== '' && !/^\/dev\/(null|stdout|stderr|tty)$/.test(target) && !/^\d+$/.test(target),
    );
}

/** Redirect targets read as input (`< file`). */
export function readRedirects(command: ShellCommandInfo): string[] {
  return command.redirects
    .filter((redirect) => redirect.operator === '<')
    .map((redirect) => redirect.target?.text ?? '')
    .filter((target) => target !== '');
}

/** Whether the command is a program on disk rather than a bash builtin (a missing one is "command not found"). */
export function isExternalCommand(command: ShellCommandInfo): boolean {
  return command.name !== '' && !SHELL_BUILTINS.has(command.name) && !isAssignment(command.name);
}

/** Whether a word names a script or program by path (`./run.sh`, `/opt/tool/bin/x`). */
export function isPathCommand(name: string): boolean {
  return name.includes('/');
}
