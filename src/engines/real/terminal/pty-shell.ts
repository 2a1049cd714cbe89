import { chmodSync, mkdirSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IPty } from '@lydell/node-pty';
import { type CallOptions, throwIfAborted } from '../../../core/abort.js';
import { AgentWorldError } from '../../../core/errors.js';
import { loadNodePty } from '../sandbox/node-pty-loader.js';
import { emptyDirectory, removeTree } from '../sandbox/remove-tree.js';
import { SANDBOX_WRITABLE, sandboxCommand } from '../sandbox/sandbox-command.js';
import {
  CLASSIC_IDENTITY,
  DEFAULT_ROOT_IDENTITY,
  isPrivileged,
  promptTemplateOf,
  type ShellIdentity,
} from './shell-identity.js';
import { singleQuoted } from './single-quoted.js';

/** Printed by PROMPT_COMMAND before each prompt: START status FIELD cwd FIELD. */
const SENTINEL_START = '\u001e';
const SENTINEL_FIELD = '\u001f';
/** Closes PS1, so the prompt text bash printed can be cut out exactly. */
const PROMPT_END = '\u001d';
/** PS2: bash asks for a continuation line. */
const CONTINUATION = '\u001c';

export const SHELL_COLUMNS = 80;
export const SHELL_ROWS = 24;

/**
 * Typed once when a session starts (its own echo is discarded): no terminal echo (a terminal's echo is added by
 * the screen renderer instead) and no output post-processing, so bytes arrive as programs wrote them; no history
 * expansion or history file; a fixed umask (the host's must not leak in); the identity's variables (HOME is
 * where a bare `cd` goes), its start directory with no OLDPWD (as in a fresh login); the sentinel, the prompt and
 * a bare continuation marker.
 */
function setupLine(identity: ShellIdentity): string {
  const quoted = singleQuoted;
  return [
    'stty -echo -opost',
    'set +H +o history',
    'unset HISTFILE',
    'umask 022',
    `export HOME=${quoted(identity.home)} USER=${quoted(identity.user)} LOGNAME=${quoted(identity.user)}`,
    `HOSTNAME=${quoted(identity.host)}`,
    `builtin cd ${quoted(identity.workspace)}`,
    'unset OLDPWD',
    `PS2=$'\\x1c'`,
    `PS1=${quoted(promptTemplateOf(identity))}$'\\x1d'`,
    `PROMPT_COMMAND='builtin printf "\\036%s\\037%s\\037" "$?" "$PWD"'`,
  ].join('; ');
}

/** What one command line did. */
export interface ShellCommandResult {
  /** Everything printed (stdout and stderr as the terminal received them), sentinels removed. */
  readonly output: string;
  /** `$?` after the command. */
  readonly exitStatus: number;
  /** `$PWD` after the command, as the sandbox sees it. */
  readonly cwd: string;
  /** The prompt bash printed after the command. */
  readonly prompt: string;
}

export interface PtyShellOptions extends CallOptions {
  readonly bwrapPath: string;
  /** Run as root (uid 0) rather than as an ordinary user; sessions of root identities need it. Default false. */
  readonly privileged?: boolean;
  /** Who the first session's shell is (default: the classic `user@sim`); it must match `privileged`. */
  readonly identity?: ShellIdentity;
  /** Longest wait for bash to show its first prompt, in milliseconds. */
  readonly startTimeoutMs?: number;
}

/**
 * A real, sandboxed, interactive bash on a pseudo-terminal (80 columns), whose writable directories (/home,
 * /workspace, and /root when privileged) are subdirectories of a temporary host directory. `run` sends one
 * command line and waits for the PROMPT_COMMAND sentinel that bash prints before the next prompt, which carries
 * `$?` and `$PWD`. One sandbox serves session after session (`startSession`), each with a fresh bash, emptied
 * writable directories and an identity of its own (user, host, home, start directory), because starting
 * bubblewrap costs more than most of a session's commands.
 */
export class PtyShell {
  /** The host directory holding the sandbox's writable directories. */
  readonly hostDirectory: string;
  /** Whether the sandbox runs as root. */
  readonly privileged: boolean;
  private readonly pty: IPty;
  private currentIdentity: ShellIdentity = CLASSIC_IDENTITY;
  private buffer = '';
  private exited = false;
  private waiter: (() => void) | undefined;
  private closed = false;
  private firstPrompt = '';
  /** A command is running (or was left running by a timeout). */
  private busy = false;
  /** A bash of an earlier session is running (it must exit before the next session starts). */
  private started = false;

  private constructor(pty: IPty, hostDirectory: string, privileged: boolean) {
    this.pty = pty;
    this.hostDirectory = hostDirectory;
    this.privileged = privileged;
    pty.onData((chunk) => {
      this.buffer += chunk;
      this.waiter?.();
    });
    pty.onExit(() => {
      this.exited = true;
      this.waiter?.();
    });
  }

  /** Starts a new sandbox and its first session (bash showing its first prompt). */
  static async start(options: PtyShellOptions): Promise<PtyShell> {
    throwIfAborted(options.signal);
    const nodePty = await loadNodePty();
    const privileged = options.privileged ?? false;
    const hostDirectory = realpathSync(mkdtempSync(join(tmpdir(), 'agentworld-datagen-')));
    for (const name of SANDBOX_WRITABLE) mkdirSync(join(hostDirectory, name));
    const command = sandboxCommand({ bwrapPath: options.bwrapPath, hostDirectory, privileged });
    let pty: IPty;
    try {
      pty = nodePty.spawn(command.file, command.args, {
        name: 'dumb',
        cols: SHELL_COLUMNS,
        rows: SHELL_ROWS,
        cwd: hostDirectory,
        env: {},
      });
    } catch (error) {
      removeTree(hostDirectory);
      throw new AgentWorldError('ENGINE_UNAVAILABLE', `Could not start ${options.bwrapPath}.`, {
        cause: error,
      });
    }
    const shell = new PtyShell(pty, hostDirectory, privileged);
    try {
      await shell.startSession(options);
      return shell;
    } catch (error) {
      await shell.close();
      throw error;
    }
  }

  /**
   * Starts the next session in this sandbox: the writable directories are emptied (and the identity's home made
   * under /home), the running bash exits and the sandbox's loop starts a fresh one, which takes the identity and
   * shows its first prompt in the identity's start directory. Nothing of the previous session survives but the
   * (empty, private) /tmp.
   */
  async startSession(
    options: CallOptions & { readonly startTimeoutMs?: number; readonly identity?: ShellIdentity } = {},
  ): Promise<void> {
    throwIfAborted(options.signal);
    if (this.closed || this.exited || this.busy) {
      throw new AgentWorldError('ENGINE_UNAVAILABLE', 'The sandbox cannot start another session.');
    }
    const identity = options.identity ?? (this.privileged ? DEFAULT_ROOT_IDENTITY : CLASSIC_IDENTITY);
    if (isPrivileged(identity) !== this.privileged) {
      throw new AgentWorldError(
        'INVALID_REQUEST',
        `A ${this.privileged ? 'root' : 'non-root'} sandbox cannot run a session as ${identity.user}.`,
      );
    }
    for (const name of SANDBOX_WRITABLE) {
      const directory = join(this.hostDirectory, name);
      emptyDirectory(directory);
      // As on a real machine: root's home is private, /home and /workspace are not.
      chmodSync(directory, name === 'root' ? 0o700 : 0o755);
    }
    if (identity.home.startsWith('/home/')) mkdirSync(this.hostPath(identity.home), { recursive: true });
    this.currentIdentity = identity;
    this.buffer = '';
    this.busy = true;
    this.pty.write(`${this.started ? 'exit\n' : ''}${setupLine(identity)}\n`);
    this.started = true;
    const first = await this.waitForPrompt(0, options.startTimeoutMs ?? 10_000, options.signal);
    this.busy = false;
    this.firstPrompt = first.prompt;
  }

  /** Who the current session's shell is. */
  get identity(): ShellIdentity {
    return this.currentIdentity;
  }

  /** The host directory shown inside the sandbox as the session's workspace (where its files are made). */
  get workspaceDirectory(): string {
    return this.hostPath(this.currentIdentity.workspace);
  }

  /** The host path of a path under one of the sandbox's writable directories. */
  hostPath(sandboxPath: string): string {
    const [, top, ...rest] = sandboxPath.split('/');
    if (!SANDBOX_WRITABLE.some((name) => name === top)) {
      throw new AgentWorldError('INVALID_REQUEST', `${sandboxPath} is not in a writable sandbox directory.`);
    }
    return join(this.hostDirectory, top as string, ...rest);
  }

  /** The prompt bash showed before the first command. */
  get initialPrompt(): string {
    return this.firstPrompt;
  }

  /**
   * Types `commandLine` (which may span several lines, e.g. a here-document) and Enter, then waits for the
   * next prompt. A command that does not finish in time, or that leaves bash waiting for more input, fails with
   * ENGINE_TIMEOUT; the shell is then unusable and must be closed.
   */
  async run(
    commandLine: string,
    options: CallOptions & { readonly timeoutMs?: number } = {},
  ): Promise<ShellCommandResult> {
    throwIfAborted(options.signal);
    if (this.closed || this.exited) throw new AgentWorldError('ENGINE_UNAVAILABLE', 'The shell has ended.');
    const continuationLines = commandLine.split('\n').length - 1;
    this.buffer = '';
    this.busy = true;
    this.pty.write(`${commandLine}\n`);
    const result = await this.waitForPrompt(continuationLines, options.timeoutMs ?? 5000, options.signal);
    this.busy = false;
    return result;
  }

  /** Ends the sandbox (every process in it) and removes its host directory. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (!this.exited) {
      try {
        this.pty.kill('SIGKILL');
      } catch {
        // Already gone.
      }
    }
    removeTree(this.hostDirectory);
  }

  /** Whether the sandbox can start another session (it is open and no command was left running). */
  get reusable(): boolean {
    return !this.closed && !this.exited && !this.busy;
  }

  private waitForPrompt(
    continuationLines: number,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<ShellCommandResult> {
    return new Promise((resolve, reject) => {
      const finish = (outcome: () => void): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.waiter = undefined;
        outcome();
      };
      const onAbort = (): void =>
        finish(() => reject(new AgentWorldError('ABORTED', 'The shell command was aborted.')));
      const timer = setTimeout(
        () =>
          finish(() =>
            reject(
              new AgentWorldError('ENGINE_TIMEOUT', `bash did not show a prompt within ${timeoutMs} ms.`, {
                details: { output: this.buffer.slice(0, 2000) },
              }),
            ),
          ),
        timeoutMs,
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiter = () => {
        const parsed = this.parseBuffer(continuationLines);
        if (parsed === 'continuation') {
          finish(() =>
            reject(
              new AgentWorldError(
                'ENGINE_TIMEOUT',
                'bash is waiting for more input (an incomplete command).',
              ),
            ),
          );
        } else if (parsed !== undefined) {
          finish(() => resolve(parsed));
        } else if (this.exited) {
          finish(() => reject(new AgentWorldError('ENGINE_UNAVAILABLE', 'bash exited.')));
        }
      };
      this.waiter();
    });
  }

  /** The finished command in the buffer, if its prompt has arrived. */
  private parseBuffer(continuationLines: number): ShellCommandResult | 'continuation' | undefined {
    const buffer = this.buffer;
    const promptEnd = buffer.indexOf(PROMPT_END);
    if (promptEnd < 0) {
      let markers = 0;
      for (const char of buffer) if (char === CONTINUATION) markers += 1;
      return markers > continuationLines ? 'continuation' : undefined;
    }
    const start = buffer.lastIndexOf(SENTINEL_START, promptEnd);
    const statusEnd = start < 0 ? -1 : buffer.indexOf(SENTINEL_FIELD, start);
    const cwdEnd = statusEnd < 0 ? -1 : buffer.indexOf(SENTINEL_FIELD, statusEnd + 1);
    if (start < 0 || statusEnd < 0 || cwdEnd < 0 || cwdEnd > promptEnd) return undefined;
    const output = buffer.slice(0, start).split(CONTINUATION).join('');
    const result: ShellCommandResult = {
      output,
      exitStatus: Number(buffer.slice(start + 1, statusEnd)),
      cwd: buffer.slice(statusEnd + 1, cwdEnd),
      prompt: buffer.slice(cwdEnd + 1, promptEnd),
    };
    this.buffer = buffer.slice(promptEnd + 1);
    return result;
  }
}
