import { isWithin, resolvePath } from './paths.js';
import { parseShellLine, type ShellWord, type SimpleCommand } from './shell-words.js';

export type FileMark = 'file' | 'directory' | 'removed';

/** The part of the shell's state the ledger follows from typed commands. */
export interface ShellState {
  /** Absolute working directory; null once it can no longer be known. */
  readonly cwd: string | null;
  /** `OLDPWD`, for `cd -`. */
  readonly previousCwd: string | null;
  readonly env: Readonly<Record<string, string>>;
  /** Paths the agent created or removed with obvious commands. */
  readonly files: Readonly<Record<string, FileMark>>;
}

/** The kinds of program that can hold the keyboard. */
export type TerminalMode = 'shell' | 'running' | 'pager' | 'editor' | 'repl';

export interface CommandEffects {
  readonly state: ShellState;
  /** The command line contains a `cd` (or another directory change). */
  readonly changesDirectory: boolean;
  /** The resulting directory cannot be predicted (e.g. `cd "$(mktemp -d)"`, `source`, `cd a || cd b`). */
  readonly directoryUnknown: boolean;
  /** The interactive program the line starts in the foreground, if any. */
  readonly launches: TerminalMode | undefined;
  /** Every directory the line would pass through (each `cd` reached), where a failed command could stop it. */
  readonly visited: readonly string[];
}

const ERROR_PHRASES =
  /No such file or directory|Permission denied|Not a directory|Is a directory|Read-only file system|cannot (?:create|remove|touch|make)|Operation not permitted|No space left on device/;

/** Whether the screen reports an error about this path (then the command did not do what it says). */
function screenReportsError(screen: string, typed: string): boolean {
  if (typed.length === 0) return false;
  return screen.split('\n').some((line) => line.includes(typed) && ERROR_PHRASES.test(line));
}

/** The command name and its arguments, skipping `VAR=value` prefixes and `sudo`/`command`/`builtin`. */
function commandWords(command: SimpleCommand): ShellWord[] {
  const words = [...command.words];
  while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test((words[0] as ShellWord).raw)) words.shift();
  while (
    words.length > 1 &&
    ['sudo', 'command', 'builtin', 'nohup', 'time'].includes((words[0] as ShellWord).text)
  ) {
    words.shift();
    while (words.length > 1 && (words[0] as ShellWord).text.startsWith('-')) words.shift();
  }
  return words;
}

function programName(word: ShellWord | undefined): string {
  if (word === undefined) return '';
  const text = word.text;
  const slash = text.lastIndexOf('/');
  return slash >= 0 ? text.slice(slash + 1) : text;
}

/** Arguments that are not options (everything after `--` counts as an argument). */
function operands(args: readonly ShellWord[], optionsWithValue: readonly string[] = []): ShellWord[] {
  const found: ShellWord[] = [];
  let optionsDone = false;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as ShellWord;
    if (!optionsDone && arg.text === '--') optionsDone = true;
    else if (!optionsDone && arg.text.startsWith('-') && arg.text.length > 1) {
      if (optionsWithValue.includes(arg.text)) index++;
    } else found.push(arg);
  }
  return found;
}

const REPL_PROGRAMS = new Set([
  'python',
  'python3',
  'ipython',
  'node',
  'irb',
  'sqlite3',
  'mysql',
  'psql',
  'bc',
  'R',
]);
const EDITOR_PROGRAMS = new Set(['vim', 'vi', 'nvim', 'nano', 'emacs', 'pico', 'ed']);
const PAGER_PROGRAMS = new Set(['less', 'more', 'man']);
const FULL_SCREEN_PROGRAMS = new Set(['top', 'htop', 'watch']);

/** The mode a command leaves the terminal in while it runs in the foreground. */
function launchedMode(name: string, args: readonly ShellWord[]): TerminalMode | undefined {
  if (EDITOR_PROGRAMS.has(name)) return 'editor';
  if (PAGER_PROGRAMS.has(name)) return 'pager';
  if (FULL_SCREEN_PROGRAMS.has(name)) return 'running';
  if (REPL_PROGRAMS.has(name) || /^python3\.\d+$/.test(name)) {
    const texts = args.map((arg) => arg.text);
    if (texts.includes('-i')) return 'repl';
    if (name === 'sqlite3' || name === 'mysql' || name === 'psql') {
      return texts.some((text) => text === '-e' || text === '-c' || text.startsWith('-c'))
        ? undefined
        : 'repl';
    }
    const positional = operands(args, ['-m', '-c', '-e', '-W', '-X']);
    const hasScript = texts.some((text) =>
      ['-c', '-m', '-e', '-p', '--version', '-V', '--help', '-h'].includes(text),
    );
    return positional.length === 0 && !hasScript ? 'repl' : undefined;
  }
  return undefined;
}

interface Draft {
  cwd: string | null;
  previousCwd: string | null;
  env: Record<string, string>;
  files: Record<string, FileMark>;
}

function markPath(draft: Draft, target: ShellWord, mark: FileMark, screen: string): void {
  if (target.unresolved || target.glob || target.text.length === 0) return;
  if (target.text.startsWith('/dev/') || target.text.startsWith('/proc/')) return;
  if (draft.cwd === null && !target.text.startsWith('/')) return;
  if (screenReportsError(screen, target.raw) || screenReportsError(screen, target.text)) return;
  const path = resolvePath(draft.cwd ?? '/', target.text);
  if (mark === 'removed') {
    for (const known of Object.keys(draft.files)) {
      if (known !== path && isWithin(known, path)) delete draft.files[known];
    }
  } else if (draft.files[path] === 'directory' && mark === 'file') {
    return;
  }
  draft.files[path] = mark;
}

/**
 * Applies one logical command line (what the shell runs after Enter) to the followed state. `screen` is the
 * observation, used only to skip file changes the screen shows to have failed.
 */
export function applyShellCommand(
  state: ShellState,
  line: string,
  context: { readonly home: string; readonly screen?: string },
): CommandEffects {
  const draft: Draft = {
    cwd: state.cwd,
    previousCwd: state.previousCwd,
    env: { ...state.env },
    files: { ...state.files },
  };
  const screen = context.screen ?? '';
  let changesDirectory = false;
  let directoryUnknown = false;
  let launches: TerminalMode | undefined;
  const visited: string[] = [];
  const lookup = (name: string): string | undefined => {
    if (name in draft.env) return draft.env[name];
    if (name === 'HOME') return context.home;
    if (name === 'PWD') return draft.cwd ?? undefined;
    if (name === 'OLDPWD') return draft.previousCwd ?? undefined;
    return undefined;
  };
  let parsed = parseShellLine(line, { lookup, home: context.home });

  for (let position = 0; position < parsed.commands.length; position++) {
    const command = parsed.commands[position] as SimpleCommand;
    // Commands in a pipeline, in the background or inside ( … ) run in a subshell: their cd/export vanish.
    const detached =
      command.subshell ||
      command.before === '|' ||
      command.after === '|' ||
      command.before === '|&' ||
      command.after === '|&' ||
      command.after === '&';
    const conditional = command.before === '||' || command.after === '||';
    const words = commandWords(command);
    const name = programName(words[0]);
    const args = words.slice(1);

    for (const redirect of command.redirects) {
      if (['>', '>>', '>|', '&>', '&>>'].includes(redirect.operator) && redirect.target !== undefined) {
        markPath(draft, redirect.target, 'file', screen);
      }
    }

    if (name === 'cd' || name === 'pushd' || name === 'popd') {
      changesDirectory = true;
      if (detached) continue;
      if (name !== 'cd' || conditional) {
        directoryUnknown = true;
        if (name !== 'cd') draft.cwd = null;
        continue;
      }
      const targets = operands(args);
      if (targets.length > 1) continue; // bash refuses: "too many arguments"
      const target = targets[0];
      let next: string | null;
      if (target === undefined) next = context.home;
      else if (target.text === '-' && !target.unresolved) next = draft.previousCwd;
      else if (target.unresolved || target.glob) next = null;
      else if (target.text.startsWith('/')) next = resolvePath('/', target.text);
      else next = draft.cwd === null ? null : resolvePath(draft.cwd, target.text);
      if (next === null) {
        directoryUnknown = true;
        draft.previousCwd = draft.cwd;
        draft.cwd = null;
        continue;
      }
      draft.previousCwd = draft.cwd;
      draft.cwd = next;
      visited.push(next);
      continue;
    }
    if (name === 'source' || name === '.' || name === 'exec' || name === 'eval') {
      if (!detached) {
        changesDirectory = true;
        directoryUnknown = true;
      }
      continue;
    }
    if (name === 'export' && !detached) {
      for (const arg of args) {
        const equals = arg.text.indexOf('=');
        if (arg.text.startsWith('-') || equals <= 0) continue;
        const key = arg.text.slice(0, equals);
        if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) draft.env[key] = arg.text.slice(equals + 1);
      }
      // Later commands on the line see the new values: read the line again (its structure does not change).
      parsed = parseShellLine(line, { lookup, home: context.home });
      continue;
    }
    if (name === 'unset' && !detached) {
      for (const arg of operands(args)) delete draft.env[arg.text];
      parsed = parseShellLine(line, { lookup, home: context.home });
      continue;
    }
    if (name === 'touch') {
      for (const target of operands(args, ['-d', '-r', '-t'])) markPath(draft, target, 'file', screen);
    } else if (name === 'mkdir') {
      for (const target of operands(args, ['-m'])) markPath(draft, target, 'directory', screen);
    } else if (name === 'rm' || name === 'rmdir') {
      for (const target of operands(args)) markPath(draft, target, 'removed', screen);
    }
    // The last command of the line holds the keyboard, also at the end of a pipeline (`git log | less`).
    if (!command.subshell && command.after !== '&' && position === parsed.commands.length - 1) {
      launches = launchedMode(name, args);
    }
  }
  return {
    state: { cwd: draft.cwd, previousCwd: draft.previousCwd, env: draft.env, files: draft.files },
    changesDirectory,
    directoryUnknown,
    launches,
    visited,
  };
}
