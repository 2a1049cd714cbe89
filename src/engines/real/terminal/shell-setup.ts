import type { TerminalSetup } from '../../../domains/terminal/index.js';
import { singleQuoted as quoted } from './single-quoted.js';

/** The directories that get a writable tmpfs: /tmp, the home's and the start directory's top directories. */
export function writablePathsOf(setup: TerminalSetup): string[] {
  const tops = [setup.home, setup.cwd]
    .map((path) => path.split('/')[1] ?? '')
    .filter(
      (name) => name !== '' && !['usr', 'bin', 'lib', 'lib64', 'etc', 'proc', 'dev', 'sys'].includes(name),
    )
    .map((name) => `/${name}`);
  return ['/tmp', ...tops];
}

/** PS1 from the spec's prompt template: `{cwd}` is bash's `\w`, so the prompt follows `cd` as it should. */
function promptTemplate(setup: TerminalSetup): string {
  return setup.promptTemplate
    .split('{user}')
    .join(setup.user)
    .split('{host}')
    .join(setup.host)
    .split('{cwd}')
    .join('\\w')
    .split('{symbol}')
    .join(setup.symbol);
}

/**
 * Typed once when the shell starts (its echo is discarded): no terminal echo (the screen adds typed text
 * itself) and no output post-processing; no history; a fixed umask; the spec's user, home, host and start
 * directory; the prompt marker PROMPT_COMMAND prints (`\x1e status \x1f cwd \x1f`), PS1 closed by `\x1d`, and
 * a bare continuation marker for PS2.
 */
export function shellSetupLine(setup: TerminalSetup): string {
  return [
    'stty -echo -opost',
    'set +H +o history',
    'unset HISTFILE',
    'umask 022',
    `export HOME=${quoted(setup.home)} USER=${quoted(setup.user)} LOGNAME=${quoted(setup.user)}`,
    `HOSTNAME=${quoted(setup.host)}`,
    `mkdir -p ${quoted(setup.home)} ${quoted(setup.cwd)} 2>/dev/null`,
    `builtin cd ${quoted(setup.cwd)}`,
    'unset OLDPWD',
    `PS2=$'\\x1c'`,
    `PS1=${quoted(promptTemplate(setup))}$'\\x1d'`,
    `PROMPT_COMMAND='builtin printf "\\036%s\\037%s\\037" "$?" "$PWD"'`,
  ].join('; ');
}
