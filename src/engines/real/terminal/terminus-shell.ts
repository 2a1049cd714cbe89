import type { IPty } from '@lydell/node-pty';
import { type CallOptions, throwIfAborted } from '../../../core/abort.js';
import { AgentWorldError } from '../../../core/errors.js';
import {
  isTerminalControlKey,
  isTerminalEnterKey,
  MAX_TERMINAL_DURATION_SECONDS,
  renderTerminalScreen,
  type TerminalAction,
  type TerminalSetup,
} from '../../../domains/terminal/index.js';
import { findExecutable } from '../sandbox/find-executable.js';
import { isolatedSandboxCommand } from '../sandbox/isolated-sandbox-command.js';
import { loadNodePty } from '../sandbox/node-pty-loader.js';
import type { SandboxLimits } from '../sandbox/sandbox-limits.js';
import { keyBytes } from './key-bytes.js';
import { terminalText } from './screen-text.js';
import { shellSetupLine, writablePathsOf } from './shell-setup.js';

/** Printed by PROMPT_COMMAND before each prompt: START status FIELD cwd FIELD; PS1 ends with PROMPT_END. */
const SENTINEL_START = '\u001e';
const SENTINEL_FIELD = '\u001f';
const PROMPT_END = '\u001d';
/** PS2: bash asks for a continuation line; shown as `> `. */
const CONTINUATION = '\u001c';

export interface TerminusShellOptions extends CallOptions {
  readonly setup: TerminalSetup;
  readonly bwrapPath: string;
  readonly limits: SandboxLimits;
  readonly columns: number;
  readonly rows: number;
  /** Longest wait for the first prompt, in milliseconds. */
  readonly startTimeoutMs: number;
}

/** One command line on the screen: the prompt it was typed at, what was typed, and the raw output so far. */
interface ScreenEntry {
  readonly prompt: string;
  typed: string;
  output: string;
}

/**
 * A real bash in its own bubblewrap sandbox on a pseudo-terminal, driven as Terminus drives a tmux pane: text
 * keystrokes are typed (each newline presses Enter), tmux key names send their keys, and after each command the
 * shell gets up to `duration` seconds (at most 60), less when it is back at its prompt. bash's own echo is off;
 * the typed text is put on the screen as a terminal shows it, so each screen is built from what was typed and
 * what programs printed, and the prompt that bash printed (cut out exactly by invisible markers).
 */
export class TerminusShell {
  private readonly pty: IPty;
  private incoming = '';
  private prompt = '';
  private idle = false;
  /** Text typed at the idle prompt but not yet entered (sent to bash with Enter). */
  private pending = '';
  /** The command line running now (it may outlive a turn, then it opens the next turn's screen). */
  private running: ScreenEntry | undefined;
  private entries: ScreenEntry[] = [];
  private exited = false;
  private exitReason = 'bash exited';
  /** The shell was told to exit (C-d at its prompt): its end is part of the session, not a failure. */
  private exitExpected = false;
  private waiter: (() => void) | undefined;
  /** bash printed PS2 and waits for the next line of the running command. */
  private continuation = false;
  private started = false;

  private constructor(pty: IPty) {
    this.pty = pty;
    pty.onData((chunk) => {
      this.incoming += chunk;
      if (this.started) this.consume();
      this.waiter?.();
    });
    pty.onExit(() => {
      this.exited = true;
      this.waiter?.();
    });
  }

  /** Starts a fresh sandbox and waits for bash's first prompt. */
  static async start(options: TerminusShellOptions): Promise<TerminusShell> {
    throwIfAborted(options.signal);
    const nodePty = await loadNodePty();
    const root = options.setup.user === 'root';
    const setpriv = process.getuid?.() === 0 ? findExecutable('setpriv') : undefined;
    const command = isolatedSandboxCommand({
      bwrapPath: options.bwrapPath,
      writable: writablePathsOf(options.setup),
      limits: options.limits,
      uid: root ? 0 : 1000,
      hostname: options.setup.host,
      environment: { COLUMNS: String(options.columns), LINES: String(options.rows) },
      command: 'bash --norc --noprofile --noediting -i',
      hostUid: setpriv === undefined ? undefined : 65534,
      setprivPath: setpriv,
    });
    let pty: IPty;
    try {
      pty = nodePty.spawn(command.file, command.args, {
        name: 'dumb',
        cols: options.columns,
        rows: options.rows,
        cwd: '/',
        env: {},
      });
    } catch (error) {
      throw new AgentWorldError('ENGINE_UNAVAILABLE', `Could not start ${options.bwrapPath}.`, {
        cause: error,
      });
    }
    const shell = new TerminusShell(pty);
    try {
      await shell.awaitFirstPrompt(options);
      return shell;
    } catch (error) {
      shell.close();
      throw error;
    }
  }

  /** Whether bash is still running. */
  get alive(): boolean {
    return !this.exited;
  }

  /**
   * Runs one Terminus action and returns the screen from the first command line of this turn on (or from the
   * command still running from an earlier turn), ending at the prompt when bash is idle.
   */
  async runTurn(action: TerminalAction, options: CallOptions = {}): Promise<string> {
    throwIfAborted(options.signal);
    this.entries = this.running === undefined ? [] : [this.running];
    for (const command of action) {
      this.assertAlive();
      const seconds = Math.min(Math.max(command.duration, 0), MAX_TERMINAL_DURATION_SECONDS);
      const keystrokes = command.keystrokes;
      if (keystrokes !== '' && isTerminalControlKey(keystrokes) && !isTerminalEnterKey(keystrokes)) {
        this.pressKey(keystrokes);
      } else {
        const text = isTerminalEnterKey(keystrokes) ? '\n' : keystrokes.replace(/\r\n?/g, '\n');
        const lines = text.split('\n');
        for (let index = 0; index < lines.length; index++) {
          const part = lines[index] ?? '';
          const entered = index < lines.length - 1;
          if (this.idle) {
            this.pending += part;
            if (entered) this.enterLine();
          } else if (this.continuation && this.running !== undefined && entered) {
            // bash asked for the next line of the command (PS2): it is shown after `> `.
            this.continuation = false;
            this.running.typed += `\n> ${part}`;
            this.pty.write(`${part}\n`);
          } else {
            this.typeToProgram(entered ? `${part}\n` : part);
          }
          if (entered && index < lines.length - 2) await this.waitUntilReady(seconds, options.signal);
        }
      }
      await this.waitUntilReady(seconds, options.signal);
    }
    if (this.exited && !this.exitExpected) {
      throw new AgentWorldError('ENGINE_UNAVAILABLE', "The real terminal's shell died during the turn.", {
        details: { screen: this.screen() },
      });
    }
    return this.screen();
  }

  /** Ends the sandbox and every process in it. Idempotent. */
  close(): void {
    if (this.exited) return;
    this.exitReason = 'the sandbox was closed';
    try {
      this.pty.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  }

  private screen(): string {
    return renderTerminalScreen({
      entries: this.entries.map((entry) => ({
        prompt: entry.prompt,
        typed: entry.typed,
        output: terminalText(entry.output),
      })),
      finalPrompt: this.idle ? `${this.prompt}${this.pending}` : undefined,
    });
  }

  private assertAlive(): void {
    if (this.exited) {
      throw new AgentWorldError('ENGINE_UNAVAILABLE', `The real terminal has ended: ${this.exitReason}.`);
    }
  }

  private enterLine(): void {
    const entry: ScreenEntry = { prompt: this.prompt, typed: this.pending, output: '' };
    this.entries.push(entry);
    this.running = entry;
    this.idle = false;
    this.pty.write(`${this.pending}\n`);
    this.pending = '';
  }

  /** Input for the running program: a terminal echoes it, so the screen shows it after the output so far. */
  private typeToProgram(text: string): void {
    if (this.running !== undefined) this.running.output += text;
    this.pty.write(text);
  }

  private pressKey(key: string): void {
    const bytes = keyBytes(key);
    if (!this.idle) {
      if (bytes === undefined) return;
      const code = bytes.length === 1 ? bytes.charCodeAt(0) : -1;
      if (this.running !== undefined && code >= 0 && code < 32 && ![9, 10, 27].includes(code)) {
        // The terminal shows a control key as ^X (C-c, C-d, C-z …).
        this.running.output += `^${String.fromCharCode(bytes.charCodeAt(0) + 64)}`;
      }
      this.pty.write(bytes);
      return;
    }
    if (key === 'C-c') {
      // bash drops the typed line and shows a fresh prompt below it.
      this.entries.push({ prompt: this.prompt, typed: `${this.pending}^C`, output: '' });
      this.pending = '';
    } else if (key === 'C-d' && this.pending === '') {
      const entry: ScreenEntry = { prompt: this.prompt, typed: '', output: '' };
      this.entries.push(entry);
      this.running = entry;
      this.idle = false;
      this.exitReason = 'bash exited after C-d at its prompt';
      this.exitExpected = true;
      this.pty.write('\u0004');
    } else if (key === 'BSpace' || key === 'C-h') {
      this.pending = this.pending.slice(0, -1);
    } else if (key === 'C-u') {
      this.pending = '';
    } else if (key === 'Tab' || key === 'Space') {
      this.pending += key === 'Tab' ? '\t' : ' ';
    }
    // Other keys edit nothing at a prompt without line editing.
  }

  /** Reads what arrived: output goes to the running command line, a prompt marker ends it. */
  private consume(): void {
    for (;;) {
      const start = this.incoming.indexOf(SENTINEL_START);
      const text = start < 0 ? this.incoming : this.incoming.slice(0, start);
      if (text !== '') {
        const target = this.running ?? this.entries.at(-1);
        const markers = text.split(CONTINUATION);
        if (markers.length > 1 && this.running !== undefined && this.running.output === '') {
          this.continuation = true;
          if (target !== undefined) target.output += markers.join('');
        } else if (target !== undefined) {
          target.output += markers.join('> ');
        }
        this.incoming = this.incoming.slice(text.length);
      }
      if (start < 0) return;
      const statusEnd = this.incoming.indexOf(SENTINEL_FIELD);
      const cwdEnd = statusEnd < 0 ? -1 : this.incoming.indexOf(SENTINEL_FIELD, statusEnd + 1);
      const promptEnd = cwdEnd < 0 ? -1 : this.incoming.indexOf(PROMPT_END, cwdEnd + 1);
      if (promptEnd < 0) return;
      this.prompt = this.incoming.slice(cwdEnd + 1, promptEnd);
      this.incoming = this.incoming.slice(promptEnd + 1);
      this.idle = true;
      this.continuation = false;
      this.running = undefined;
    }
  }

  private async awaitFirstPrompt(options: TerminusShellOptions): Promise<void> {
    this.pty.write(`${shellSetupLine(options.setup)}\n`);
    const deadline = Date.now() + options.startTimeoutMs;
    await new Promise<void>((resolve, reject) => {
      const check = (): void => {
        const end = this.incoming.indexOf(PROMPT_END);
        if (end >= 0) {
          const start = this.incoming.lastIndexOf(SENTINEL_START, end);
          this.incoming = start < 0 ? this.incoming.slice(end + 1) : this.incoming.slice(start);
          if (start < 0) {
            finish(() => reject(new AgentWorldError('ENGINE_UNAVAILABLE', 'bash showed no prompt marker.')));
            return;
          }
          this.started = true;
          this.consume();
          this.entries = [];
          finish(resolve);
        } else if (this.exited) {
          const shown = this.incoming.slice(-500);
          finish(() =>
            reject(new AgentWorldError('ENGINE_UNAVAILABLE', `The sandbox did not start: ${shown}`)),
          );
        }
      };
      const finish = (outcome: () => void): void => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        this.waiter = undefined;
        outcome();
      };
      const onAbort = (): void =>
        finish(() => reject(new AgentWorldError('ABORTED', 'Starting the real terminal was aborted.')));
      const timer = setTimeout(
        () =>
          finish(() =>
            reject(
              new AgentWorldError(
                'ENGINE_UNAVAILABLE',
                `bash did not show its first prompt within ${options.startTimeoutMs} ms.`,
              ),
            ),
          ),
        Math.max(0, deadline - Date.now()),
      );
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.waiter = check;
      check();
    });
  }

  /** Waits until bash is idle at its prompt, asks for a continuation line or has exited, at most `seconds`. */
  private waitUntilReady(seconds: number, signal: AbortSignal | undefined): Promise<void> {
    const ready = (): boolean => this.idle || this.exited || this.continuation;
    if (ready()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const finish = (outcome: () => void): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.waiter = undefined;
        outcome();
      };
      const onAbort = (): void =>
        finish(() => reject(new AgentWorldError('ABORTED', 'The terminal turn was aborted.')));
      const timer = setTimeout(() => finish(resolve), seconds * 1000);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiter = () => {
        if (ready()) finish(resolve);
      };
      if (signal?.aborted) onAbort();
    });
  }
}
