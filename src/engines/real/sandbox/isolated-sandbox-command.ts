import { readOnlyRoot, SANDBOX_PATH } from './sandbox-command.js';
import { type SandboxLimits, ulimitLine } from './sandbox-limits.js';

export interface IsolatedSandboxOptions {
  /** The bubblewrap executable. */
  readonly bwrapPath: string;
  /** Paths inside the sandbox that get their own size-limited tmpfs: the only writable places. */
  readonly writable: readonly string[];
  readonly limits: SandboxLimits;
  /** uid (and gid) inside the sandbox: 0 for root, else an ordinary user. */
  readonly uid: number;
  readonly hostname: string;
  /** Extra environment variables (bubblewrap clears the rest; LC_ALL=C, PATH and TERM are always set). */
  readonly environment?: Readonly<Record<string, string>>;
  /** The program run inside, after the limits are set (`exec`ed by a bash). */
  readonly command: string;
  /**
   * Runs bubblewrap through `setpriv` as this unprivileged host uid. When the host process is root, the kernel
   * exempts its processes from the process limit, so a fork bomb would not stop; as another uid it does.
   */
  readonly hostUid?: number | undefined;
  readonly setprivPath?: string | undefined;
}

/**
 * The bubblewrap command line of an isolated sandbox: every namespace unshared (no network), the host's system
 * read-only, each writable path a tmpfs of `limits.diskBytes`, and `ulimit`s for processes, memory, CPU time and
 * file size set before `command` starts.
 */
export function isolatedSandboxCommand(options: IsolatedSandboxOptions): { file: string; args: string[] } {
  const environment = Object.entries({
    LC_ALL: 'C',
    LANG: 'C',
    PATH: SANDBOX_PATH,
    TERM: 'dumb',
    ...options.environment,
  }).flatMap(([name, value]) => ['--setenv', name, value]);
  const writable = [...new Set(options.writable)]
    .sort()
    .flatMap((path) => ['--size', String(options.limits.diskBytes), '--tmpfs', path]);
  const args = [
    '--unshare-all',
    '--die-with-parent',
    ...readOnlyRoot(),
    ...writable,
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--uid',
    String(options.uid),
    '--gid',
    String(options.uid),
    '--hostname',
    options.hostname,
    '--chdir',
    '/',
    '--clearenv',
    ...environment,
    'bash',
    '--norc',
    '--noprofile',
    '-c',
    `${ulimitLine(options.limits)} && exec ${options.command}`,
  ];
  if (options.hostUid === undefined || options.setprivPath === undefined) {
    return { file: options.bwrapPath, args };
  }
  const uid = String(options.hostUid);
  return {
    file: options.setprivPath,
    args: ['--reuid', uid, '--regid', uid, '--clear-groups', options.bwrapPath, ...args],
  };
}
