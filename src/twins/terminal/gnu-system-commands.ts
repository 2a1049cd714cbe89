/**
 * Small programs whose output the twin knows from the session and this machine, as the sandbox's GNU coreutils
 * and ncurses print them: `whoami`, `id` (root only: an ordinary user's name comes from the host's passwd),
 * `uname`, `nproc`, `clear` (TERM=dumb: nothing, status 1), `yes` (cut by `head`, see classify-line.ts)
 * and `env`/`printenv` (only while every variable's export is known). A command that meets something it does
 * not know prints a `twinDeclined` line, which makes the twin decline the turn.
 */
import { availableParallelism, machine, release, version } from 'node:os';
import { type Command, defineCommand } from 'just-bash';
import { YES_LINES } from './classify-line.js';

/** The stderr line by which a twin command declines (gnuStderr turns it into the twin's decline). */
export const TWIN_DECLINED = 'twin declined: ';
export const twinDeclined = (reason: string) => ({
  stdout: '',
  stderr: `${TWIN_DECLINED}${reason}\n`,
  exitCode: 2,
});

/** The variables the sandbox's bash exports at start (its environment, `env | sort` in a fresh session). */
export const EXPORTED_AT_START = new Set([
  'COLUMNS',
  'HOME',
  'LANG',
  'LC_ALL',
  'LINES',
  'LOGNAME',
  'PATH',
  'PWD',
  'SHLVL',
  'TERM',
  'USER',
]);
/** Shell variables that are not exported: bash's own, and the virtual shell's. */
const NOT_EXPORTED = new Set([
  // The sandbox's bash sets OLDPWD on `cd` without exporting it (measured: `cd /tmp && env`).
  'OLDPWD',
  'SHELL',
  'HOSTNAME',
  'IFS',
  'OSTYPE',
  'MACHTYPE',
  'HOSTTYPE',
  'OPTIND',
  'SHELLOPTS',
  'BASHOPTS',
  'BASH',
  'BASH_VERSION',
  'PPID',
  'UID',
  'EUID',
  'PS1',
  'PS2',
  'PS4',
  'OPTERR',
  'HISTFILE',
]);

/** The exported environment as `env` prints it (its program's path as `_`), or why it is not known. */
function exportedEnvironment(env: ReadonlyMap<string, string>, program: string): string[] | string {
  const lines: string[] = [];
  for (const [name, value] of env) {
    if (NOT_EXPORTED.has(name) || name === '_' || name === '?' || /^\W|^\d/.test(name)) continue;
    if (!EXPORTED_AT_START.has(name)) return `whether ${name} is exported is not known`;
    lines.push(`${name}=${value}`);
  }
  lines.push(`_=/usr/bin/${program}`);
  return lines;
}

/**
 * `sleep N[s]`, which returns at once and adds N to `slept` (runLine declines a line that sleeps near the time the
 * screen is awaited, since the real screen may be taken before it ends).
 */
export function gnuSleep(slept: { seconds: number }): Command {
  return defineCommand('sleep', async (args) => {
    if (args.length === 0 || !args.every((arg) => /^\d+(?:\.\d+)?s?$/.test(arg)))
      return twinDeclined('sleep with other than seconds');
    slept.seconds += args.reduce((sum, arg) => sum + Number(arg.replace(/s$/, '')), 0);
    return { stdout: '', stderr: '', exitCode: 0 };
  });
}

/**
 * `timeout N sleep M` (the only command it runs here, see classify-line.ts): status 124 after N seconds when the
 * sleep is longer, else the sleep's 0; either way the time counts as slept.
 */
export function gnuTimeout(slept: { seconds: number }): Command {
  return defineCommand('timeout', async (args) => {
    const [limit, command, ...rest] = args;
    const seconds = (text: string | undefined): number | undefined =>
      text !== undefined && /^\d+(?:\.\d+)?s?$/.test(text) ? Number(text.replace(/s$/, '')) : undefined;
    const allowed = seconds(limit);
    const asked = rest.length === 1 ? seconds(rest[0]) : undefined;
    if (allowed === undefined || allowed === 0 || command !== 'sleep' || asked === undefined)
      return twinDeclined('timeout running other than sleep N');
    slept.seconds += Math.min(allowed, asked);
    return { stdout: '', stderr: '', exitCode: asked >= allowed ? 124 : 0 };
  });
}

/** The commands, for a session whose user is `user`. */
export function systemCommands(user: string): Command[] {
  const rootOnly = (run: () => string) => async () =>
    user === 'root'
      ? { stdout: run(), stderr: '', exitCode: 0 }
      : twinDeclined('an ordinary user’s name comes from the host’s passwd');
  const noArguments = (name: string, run: () => string) =>
    defineCommand(name, async (args) =>
      args.length === 0 ? { stdout: run(), stderr: '', exitCode: 0 } : twinDeclined(`${name} with arguments`),
    );
  return [
    defineCommand('whoami', async (args) =>
      args.length === 0 ? rootOnly(() => 'root\n')() : twinDeclined('whoami with arguments'),
    ),
    defineCommand('id', async (args) =>
      args.length === 0
        ? rootOnly(() => 'uid=0(root) gid=0(root) groups=0(root)\n')()
        : twinDeclined('id with arguments'),
    ),
    noArguments('nproc', () => `${availableParallelism()}\n`),
    defineCommand('clear', async (args, context) =>
      args.length === 0 && context.env.get('TERM') === 'dumb'
        ? { stdout: '', stderr: '', exitCode: 1 }
        : twinDeclined('clear on a terminal other than dumb'),
    ),
    defineCommand('uname', async (args) => {
      const fields: Record<string, string> = {
        s: 'Linux',
        r: release(),
        v: version(),
        m: machine(),
        o: 'GNU/Linux',
      };
      const wanted = new Set<string>();
      for (const arg of args) {
        if (!/^-[srvmo]+$/.test(arg)) return twinDeclined(`uname ${arg}`);
        for (const letter of arg.slice(1)) wanted.add(letter);
      }
      if (wanted.size === 0) wanted.add('s');
      const shown = 'srvmo'.split('').filter((letter) => wanted.has(letter));
      return { stdout: `${shown.map((letter) => fields[letter]).join(' ')}\n`, stderr: '', exitCode: 0 };
    }),
    defineCommand('yes', async (args) => {
      const line = `${args.length === 0 ? 'y' : args.join(' ')}\n`;
      return { stdout: line.repeat(YES_LINES), stderr: '', exitCode: 0 };
    }),
    defineCommand('env', async (args, context) => {
      if (args.length > 0) return twinDeclined('env with arguments');
      const lines = exportedEnvironment(context.env, 'env');
      if (typeof lines === 'string') return twinDeclined(lines);
      return { stdout: lines.map((line) => `${line}\n`).join(''), stderr: '', exitCode: 0 };
    }),
    defineCommand('printenv', async (args, context) => {
      const lines = exportedEnvironment(context.env, 'printenv');
      if (typeof lines === 'string') return twinDeclined(lines);
      if (args.length === 0)
        return { stdout: lines.map((line) => `${line}\n`).join(''), stderr: '', exitCode: 0 };
      if (args.some((arg) => arg.startsWith('-'))) return twinDeclined('printenv with options');
      const values = new Map(
        lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
      );
      const found = args.map((name) => values.get(name)).filter((value) => value !== undefined);
      return {
        stdout: found.map((value) => `${value}\n`).join(''),
        stderr: '',
        exitCode: found.length === args.length ? 0 : 1,
      };
    }),
  ];
}
