/** The user, host and home every generated session shows; the prompt reads `user@sim:~$ `. */
export const SANDBOX_USER = 'user';
export const SANDBOX_HOST = 'sim';
export const SANDBOX_HOME = '/home/user';
export const SANDBOX_UID = 1000;
export const SANDBOX_PATH = '/usr/local/bin:/usr/bin:/bin';

/** The only environment the sandboxed bash gets (bwrap clears the rest). */
export const SANDBOX_ENVIRONMENT: Readonly<Record<string, string>> = Object.freeze({
  LC_ALL: 'C',
  LANG: 'C',
  HOME: SANDBOX_HOME,
  USER: SANDBOX_USER,
  LOGNAME: SANDBOX_USER,
  PATH: SANDBOX_PATH,
  TERM: 'dumb',
});

export interface SandboxCommandOptions {
  /** The bubblewrap executable. */
  readonly bwrapPath: string;
  /** A fresh host directory, shown inside the sandbox as the home directory. */
  readonly homeDirectory: string;
}

/**
 * What runs inside the sandbox: an interactive bash (no rc files, no line editing), started again each time it
 * exits, so one sandbox serves many sessions with a fresh shell each (the generator empties the home directory
 * in between).
 */
export const SHELL_LOOP = 'while :; do bash --norc --noprofile --noediting -i; done';

/**
 * The bubblewrap command line for a sandbox: everything unshared (no network), the host's root read-only, a
 * private /tmp, the session's own directory as the only writable home, and a non-root user, so that file
 * permissions apply as they would for a normal user.
 */
export function sandboxCommand(options: SandboxCommandOptions): { file: string; args: string[] } {
  const environment = Object.entries(SANDBOX_ENVIRONMENT).flatMap(([name, value]) => [
    '--setenv',
    name,
    value,
  ]);
  return {
    file: options.bwrapPath,
    args: [
      '--unshare-all',
      '--die-with-parent',
      '--ro-bind',
      '/',
      '/',
      '--tmpfs',
      '/home',
      '--bind',
      options.homeDirectory,
      SANDBOX_HOME,
      '--tmpfs',
      '/tmp',
      '--proc',
      '/proc',
      '--dev',
      '/dev',
      '--uid',
      String(SANDBOX_UID),
      '--gid',
      String(SANDBOX_UID),
      '--hostname',
      SANDBOX_HOST,
      '--chdir',
      SANDBOX_HOME,
      '--clearenv',
      ...environment,
      'bash',
      '--norc',
      '--noprofile',
      '-c',
      SHELL_LOOP,
    ],
  };
}
