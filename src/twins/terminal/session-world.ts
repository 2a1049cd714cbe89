/**
 * One session's world in the terminal twin: its start from the spec, the world after a model answered a turn the
 * twin declined (what it takes in, what becomes unknown), and the state summary a model is given.
 */

import {
  isTerminalControlKey,
  isTerminalEnterKey,
  parseTrailingPrompt,
  type TerminalSetup,
} from '../../domains/terminal/index.js';
import { isWithin, resolvePath } from '../../domains/terminal/paths.js';
import { parseShellLine } from '../../domains/terminal/shell-words.js';
import { SANDBOX_PATH } from '../../engines/real/sandbox/sandbox-command.js';
import { writablePathsOf } from '../../engines/real/terminal/shell-setup.js';
import type { TwinState } from '../twin.js';
import { ALLOWED_COMMANDS, READ_ONLY_COMMANDS } from './allow-list.js';
import { programWrites } from './program-writes.js';
import type { LineWorld } from './run-line.js';
import { emptyFiles } from './virtual-files.js';

/** The real engine's pane: 160 columns. */
export const PANE_COLUMNS = 160;
export const PANE_ROWS = 40;

export interface SessionWorld extends LineWorld {
  /** The actions this world has taken in, as JSON: a request whose history differs rebuilds it. */
  readonly actions: readonly string[];
  readonly unknowns: readonly string[];
  /** A program still runs (the last screen ends without a prompt): the twin cannot type into it. */
  readonly busy: boolean;
  /** The last screen (for `[]`, the completion question). */
  readonly lastScreen: string;
}

export type TerminalKeys = ReadonlyArray<{ readonly keystrokes: string; readonly duration: number }>;

const FIND_ACTIONS = /^-(?:delete|exec|execdir|ok|okdir|fprint|fprintf|fls)$/;

/** Recorded once a model answered a turn: it may have set shell variables the twin cannot see. */
export const VARIABLES_UNKNOWN = 'shell variables a model-answered turn may have set';

export function initialWorld(setup: TerminalSetup): SessionWorld {
  const env: Record<string, string> = {
    HOME: setup.home,
    // Bash sets it at start (the sandbox's real shell shows /bin/bash).
    SHELL: '/bin/bash',
    USER: setup.user,
    LOGNAME: setup.user,
    HOSTNAME: setup.host,
    PATH: SANDBOX_PATH,
    LC_ALL: 'C',
    LANG: 'C',
    TERM: 'dumb',
    COLUMNS: String(PANE_COLUMNS),
    LINES: String(PANE_ROWS),
    SHLVL: '1',
    PWD: setup.cwd,
  };
  return {
    files: emptyFiles([...writablePathsOf(setup), setup.home, setup.cwd]),
    cwd: setup.cwd,
    env,
    status: 0,
    tainted: [],
    actions: [],
    unknowns: [],
    busy: false,
    lastScreen: setup.initialScreen,
  };
}

export function programNames(
  script: string,
  lookup: (name: string) => string | undefined,
  home: string,
): string[] {
  const parsed = parseShellLine(script.split('\n')[0] ?? '', { lookup, home });
  return parsed.commands.map((command) => command.words[0]?.text ?? '').filter((name) => name !== '');
}

/**
 * The world after a model answered `action` with `observation`: the prompt's directory is taken in; what the
 * action may have written becomes unknown (its path operands for programs the twin knows, every file for others).
 */
export function absorbed(
  world: SessionWorld,
  action: TerminalKeys,
  observation: string,
  setup: TerminalSetup,
): SessionWorld {
  const tainted = new Set(world.tainted);
  const unknowns = new Set(world.unknowns);
  let cwd = world.cwd;
  const lookup = (name: string): string | undefined => world.env[name];
  for (const command of action) {
    const text = command.keystrokes;
    if (isTerminalControlKey(text)) {
      if (!isTerminalEnterKey(text)) unknowns.add(`effects of key ${text}`);
      continue;
    }
    for (const line of text.split(/\r?\n/)) {
      if (line.trim() === '') continue;
      const parsed = parseShellLine(line, { lookup, home: setup.home });
      let changedDirectory = false;
      for (const simple of parsed.commands) {
        const name = simple.words[0]?.text ?? '';
        // Relative paths after a `cd` on the same line are relative to a directory not tracked here.
        changedDirectory ||= name === 'cd' || name === 'pushd' || name === 'popd';
        const redirected = simple.redirects
          .filter((redirect) => redirect.operator.includes('>') && redirect.target !== undefined)
          .map((redirect) => redirect.target?.text ?? '');
        const known =
          !changedDirectory && simple.words.slice(1).every((word) => !word.unresolved && !word.glob);
        const writes = known
          ? programWrites(
              name,
              simple.words.slice(1).map((word) => word.text),
              cwd,
            )
          : undefined;
        if (writes !== undefined && ALLOWED_COMMANDS[name] === undefined) {
          for (const path of writes) tainted.add(path);
          for (const target of redirected) if (target !== '/dev/null') tainted.add(resolvePath(cwd, target));
          continue;
        }
        // find's actions and the commands xargs runs may change anything.
        const changesAnything =
          name === 'xargs' || (name === 'find' && simple.words.some((word) => FIND_ACTIONS.test(word.text)));
        if (
          changesAnything ||
          (name !== '' && !READ_ONLY_COMMANDS.has(name) && ALLOWED_COMMANDS[name] === undefined)
        ) {
          for (const root of writablePathsOf(setup)) tainted.add(root);
          unknowns.add(`files after \`${line}\` (program not in twin: ${name})`);
          continue;
        }
        const operands =
          READ_ONLY_COMMANDS.has(name) && name !== 'cd'
            ? []
            : simple.words.slice(1).filter((word) => !word.text.startsWith('-'));
        for (const operand of operands) {
          if (operand.unresolved || operand.glob) {
            tainted.add(cwd);
            continue;
          }
          if (name === 'cd') continue;
          tainted.add(resolvePath(cwd, operand.text));
        }
        for (const target of redirected) {
          if (target !== '/dev/null') tainted.add(resolvePath(cwd, target));
        }
      }
    }
  }
  const lastLine = observation.split('\n').at(-1) ?? '';
  const prompt = parseTrailingPrompt(lastLine, setup);
  if (prompt?.cwd !== undefined) cwd = prompt.cwd;
  else unknowns.add('working directory (no prompt on the last screen)');
  for (const path of tainted) unknowns.add(`content of ${path}`);
  return {
    ...world,
    cwd,
    env: { ...world.env, PWD: cwd },
    status: undefined,
    tainted: [...tainted],
    unknowns: [...new Set([...unknowns, 'exit status of the model-answered turn', VARIABLES_UNKNOWN])],
    actions: [...world.actions, JSON.stringify(action)],
    busy: prompt === undefined,
    lastScreen: observation,
  };
}

export function stateOf(world: SessionWorld): TwinState {
  const files = [...world.files.entries()].map(([path, record]) =>
    record.kind === 'directory' ? `${path}/` : path,
  );
  const known = files.filter(
    (path) => !world.tainted.some((prefix) => isWithin(path.replace(/\/$/, ''), prefix)),
  );
  return {
    summary: [
      `cwd: ${world.cwd}`,
      `last exit status: ${world.status}`,
      `files: ${known.join(' ') || '(none)'}`,
      ...(world.unknowns.length > 0 ? [`unknown: ${world.unknowns.join('; ')}`] : []),
    ].join('\n'),
    facts: { cwd: world.cwd, env: world.env, files: known, status: world.status },
    unknowns: world.unknowns,
  };
}
