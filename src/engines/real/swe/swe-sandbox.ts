/**
 * One command in the swe sandbox: a fresh bubblewrap with no network, the host's system read-only (the shared
 * readOnlyRoot), the workspace folder bound read-write at the spec's working directory (e.g. /testbed) and a
 * private /tmp; everything else is read-only. stdout and stderr come back together, as the harnesses read them.
 */
import { spawn } from 'node:child_process';
import { type CallOptions, throwIfAborted } from '../../../core/abort.js';
import { AgentWorldError } from '../../../core/errors.js';
import {
  DEFAULT_SANDBOX_LIMITS,
  readOnlyRoot,
  SANDBOX_PATH,
  SANDBOX_UID,
  type SandboxLimits,
  ulimitLine,
} from '../sandbox/index.js';

export interface SweSandboxOptions {
  readonly bwrapPath: string;
  /** The host folder that holds the repository. */
  readonly workspace: string;
  /** Where the workspace appears inside the sandbox (the spec's working directory). */
  readonly cwd: string;
  readonly timeoutMs: number;
  readonly limits?: SandboxLimits;
}

export interface SweCommandResult {
  readonly code: number;
  readonly output: string;
  readonly timedOut: boolean;
}

const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/** bubblewrap's arguments for one `bash -c command` in the workspace. */
export function sweSandboxArgs(options: SweSandboxOptions, command: string): string[] {
  const uid = String(SANDBOX_UID);
  const environment = {
    LC_ALL: 'C',
    LANG: 'C',
    PATH: SANDBOX_PATH,
    HOME: '/tmp',
    TERM: 'dumb',
    PAGER: 'cat',
    MANPAGER: 'cat',
    GIT_PAGER: 'cat',
    LESS: '-R',
    PIP_PROGRESS_BAR: 'off',
    TQDM_DISABLE: '1',
    PYTHONDONTWRITEBYTECODE: '1',
    GIT_AUTHOR_NAME: 'dev',
    GIT_AUTHOR_EMAIL: 'dev@example.invalid',
    GIT_COMMITTER_NAME: 'dev',
    GIT_COMMITTER_EMAIL: 'dev@example.invalid',
    GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
  };
  return [
    '--unshare-all',
    '--die-with-parent',
    '--new-session',
    ...readOnlyRoot(),
    '--bind',
    options.workspace,
    options.cwd,
    '--tmpfs',
    '/tmp',
    '--proc',
    '/proc',
    '--dev',
    '/dev',
    '--remount-ro',
    '/',
    '--uid',
    uid,
    '--gid',
    uid,
    '--hostname',
    'sandbox',
    '--chdir',
    options.cwd,
    '--clearenv',
    ...Object.entries(environment).flatMap(([name, value]) => ['--setenv', name, value]),
    'bash',
    '--norc',
    '--noprofile',
    '-c',
    `${ulimitLine(options.limits ?? DEFAULT_SANDBOX_LIMITS)} && exec 2>&1 && exec bash --norc --noprofile -c "$0"`,
    command,
  ];
}

/** Runs `command` with bash in a fresh sandbox; a timeout kills it and reports what it had printed. */
export function runInSweSandbox(
  options: SweSandboxOptions,
  command: string,
  call: CallOptions = {},
): Promise<SweCommandResult> {
  throwIfAborted(call.signal);
  return new Promise((resolve, reject) => {
    const child = spawn(options.bwrapPath, sweSandboxArgs(options, command), {
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let timedOut = false;
    const collect = (chunk: Buffer) => {
      if (size >= MAX_OUTPUT_BYTES) return;
      chunks.push(chunk);
      size += chunk.length;
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const kill = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, options.timeoutMs);
    const onAbort = () => kill();
    call.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => {
      clearTimeout(timer);
      call.signal?.removeEventListener('abort', onAbort);
      reject(new AgentWorldError('ENGINE_UNAVAILABLE', `the swe sandbox did not start: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      call.signal?.removeEventListener('abort', onAbort);
      if (call.signal?.aborted === true) {
        reject(new AgentWorldError('ABORTED', 'the swe command was aborted'));
        return;
      }
      const output = Buffer.concat(chunks).toString('utf8');
      resolve({ code: code ?? (signal === null ? -1 : 128 + 9), output, timedOut });
    });
  });
}
