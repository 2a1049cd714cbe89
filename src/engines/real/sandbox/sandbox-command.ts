import { lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';

/** The user, host and home of the classic sessions; the prompt reads `user@sim:~$ `. */
export const SANDBOX_USER = 'user';
export const SANDBOX_HOST = 'sim';
export const SANDBOX_HOME = '/home/user';
/** The uid (and gid) of an unprivileged sandbox; a privileged one runs as 0. */
export const SANDBOX_UID = 1000;
export const SANDBOX_PATH = '/usr/local/bin:/usr/bin:/bin';

/**
 * The environment bubblewrap gives the sandbox (it clears the rest). HOME, USER, LOGNAME and HOSTNAME belong to a
 * session's identity, so each session's shell sets them itself (PtyShell.startSession).
 */
export const SANDBOX_ENVIRONMENT: Readonly<Record<string, string>> = Object.freeze({
  LC_ALL: 'C',
  LANG: 'C',
  PATH: SANDBOX_PATH,
  TERM: 'dumb',
});

/**
 * The writable directories of a sandbox, each a subdirectory of the sandbox's host directory bound at that
 * path: /home (a session's user gets /home/<name> in it), /workspace, and /root (privileged sandboxes only).
 */
export const SANDBOX_WRITABLE = ['home', 'workspace', 'root'] as const;
export type SandboxWritable = (typeof SANDBOX_WRITABLE)[number];

/** Top-level entries of the host's root that a sandbox never shows (it has its own in their place, or none). */
export const HIDDEN_ROOT_ENTRIES = new Set([
  'home',
  'root',
  'tmp',
  'proc',
  'dev',
  'sys',
  'workspace',
  'lost+found',
]);

export interface SandboxCommandOptions {
  /** The bubblewrap executable. */
  readonly bwrapPath: string;
  /** A fresh host directory holding the sandbox's writable directories (SANDBOX_WRITABLE). */
  readonly hostDirectory: string;
  /** Run as uid 0 (root inside the sandbox's user namespace) instead of SANDBOX_UID. */
  readonly privileged: boolean;
}

/**
 * What runs inside the sandbox: an interactive bash (no rc files, no line editing), started again each time it
 * exits, so one sandbox serves many sessions with a fresh shell each (the generator empties the writable
 * directories in between).
 */
export const SHELL_LOOP = 'while :; do bash --norc --noprofile --noediting -i; done';

/**
 * The host's root directory, entry by entry, read-only: each directory bound on its own and each symbolic link
 * made again, so the sandbox's own root stays a (writable) tmpfs in which /workspace can exist.
 */
export function readOnlyRoot(): string[] {
  const args: string[] = [];
  for (const name of readdirSync('/').sort()) {
    if (HIDDEN_ROOT_ENTRIES.has(name)) continue;
    const path = join('/', name);
    let link: string | undefined;
    try {
      link = lstatSync(path).isSymbolicLink() ? readlinkSync(path) : undefined;
    } catch {
      continue;
    }
    args.push(...(link === undefined ? ['--ro-bind', path, path] : ['--symlink', link, path]));
  }
  return args;
}

/**
 * The bubblewrap command line for a sandbox: everything unshared (no network), the host's system read-only, a
 * private /tmp, the host directory's subdirectories as the only writable places (/home, /workspace, and /root
 * when privileged), and either uid 0 or an ordinary uid, so that file permissions apply as they would for that
 * user. The host name is fixed; a session's shell shows its own host name in the prompt and $HOSTNAME.
 */
export function sandboxCommand(options: SandboxCommandOptions): { file: string; args: string[] } {
  const environment = Object.entries(SANDBOX_ENVIRONMENT).flatMap(([name, value]) => [
    '--setenv',
    name,
    value,
  ]);
  const uid = String(options.privileged ? 0 : SANDBOX_UID);
  const writable = SANDBOX_WRITABLE.filter((name) => options.privileged || name !== 'root').flatMap(
    (name) => ['--bind', join(options.hostDirectory, name), `/${name}`],
  );
  return {
    file: options.bwrapPath,
    args: [
      '--unshare-all',
      '--die-with-parent',
      ...readOnlyRoot(),
      ...writable,
      '--tmpfs',
      '/tmp',
      '--proc',
      '/proc',
      '--dev',
      '/dev',
      '--uid',
      uid,
      '--gid',
      uid,
      '--hostname',
      SANDBOX_HOST,
      '--chdir',
      '/',
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
