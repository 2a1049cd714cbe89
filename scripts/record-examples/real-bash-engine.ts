/**
 * `real-bash`: an Engine that runs each action's keystrokes in one persistent, real bash and returns the screen a
 * terminal would show. It exists to record example sessions; it is not a sandbox, so only trusted, scripted
 * commands may be given to it.
 *
 * bash runs interactively (`-i`, no rc files) with stdin on a pipe and stdout/stderr on a pseudo-terminal made
 * by a small python3 relay, so programs format their output for a terminal (e.g. `ls` prints columns); line
 * editing is off, so bash echoes nothing itself. Its
 * prompt carries invisible markers, so the engine knows when a command has finished and what the real prompt
 * says. The engine adds what a terminal itself would add: the echo of typed text and `^C` for C-c at an idle
 * prompt. The temporary directory that stands in for `/` is rewritten out of everything shown.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CallOptions, sleep, throwIfAborted } from '../../src/core/abort.js';
import type { Engine, Prediction, PredictRequest } from '../../src/core/engine.js';
import { AgentWorldError } from '../../src/core/errors.js';
import type { WorldSpec } from '../../src/core/world-spec.js';
import {
  isTerminalControlKey,
  isTerminalEnterKey,
  renderTerminalCompletion,
  renderTerminalScreen,
  resolveTerminalSetup,
  type TerminalAction,
  type TerminalScreenEntry,
} from '../../src/domains/terminal/index.js';

const PROMPT_START = '\u001e';
const PROMPT_END = '\u001f';
const CONTINUATION_START = '\u001c';

/** Gives bash a pseudo-terminal for stdout/stderr (80x40, no CR/LF translation) and relays it to our stdout. */
const PTY_RELAY = `
import fcntl, os, struct, subprocess, sys, termios
master, slave = os.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack('HHHH', 40, 80, 0, 0))
attrs = termios.tcgetattr(slave)
attrs[1] &= ~termios.OPOST
termios.tcsetattr(slave, termios.TCSANOW, attrs)
child = subprocess.Popen(sys.argv[1:], stdin=sys.stdin, stdout=slave, stderr=slave, start_new_session=True)
os.close(slave)
while True:
    try:
        data = os.read(master, 65536)
    except OSError:
        break
    if not data:
        break
    os.write(1, data)
sys.exit(child.wait())
`;

/** Tabs as a terminal shows them: spaces up to the next multiple of 8 columns. */
function expandTabs(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      let shown = '';
      for (const char of line) shown += char === '\t' ? ' '.repeat(8 - (shown.length % 8)) : char;
      return shown;
    })
    .join('\n');
}

export interface RealBashEngineOptions {
  /** Longest wait for one command line to finish, in seconds (a command that takes longer is an error). */
  readonly commandTimeoutSeconds?: number;
}

export class RealBashEngine implements Engine {
  readonly id = 'real-bash';
  readonly model = undefined;
  private readonly root: string;
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = '';
  private exited = false;
  private prompt = '';
  private pending = '';
  private lastScreen: string;
  private readonly commandTimeoutMs: number;

  private constructor(spec: WorldSpec, options: RealBashEngineOptions) {
    const setup = resolveTerminalSetup(spec);
    this.commandTimeoutMs = (options.commandTimeoutSeconds ?? 20) * 1000;
    this.root = realpathSync(mkdtempSync(join(tmpdir(), 'agentworld-bash-')));
    const workspace = join(this.root, setup.cwd);
    const home = join(this.root, setup.home);
    mkdirSync(workspace, { recursive: true });
    mkdirSync(home, { recursive: true });
    this.lastScreen = setup.initialScreen;
    this.child = spawn('python3', ['-c', PTY_RELAY, 'bash', '--norc', '--noprofile', '-i'], {
      cwd: workspace,
      env: {
        PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
        HOME: home,
        LC_ALL: 'C',
        LANG: 'C',
        TERM: 'dumb',
        COLUMNS: '80',
        LINES: '40',
        HISTFILE: '/dev/null',
        PYTHONDONTWRITEBYTECODE: '1',
      },
    });
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => {
      this.buffer += chunk;
    });
    this.child.stderr.on('data', () => {});
    this.child.on('exit', () => {
      this.exited = true;
    });
  }

  /** Starts bash and waits for its first prompt. */
  static async start(spec: WorldSpec, options: RealBashEngineOptions = {}): Promise<RealBashEngine> {
    const engine = new RealBashEngine(spec, options);
    const setup = resolveTerminalSetup(spec);
    const ps1 = setup.promptTemplate
      .split('{user}')
      .join(setup.user)
      .split('{host}')
      .join(setup.host)
      .split('{cwd}')
      .join('\\w')
      .split('{symbol}')
      .join(setup.symbol);
    const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
    engine.child.stdin.write(
      `set +H +o emacs +o vi; unset PROMPT_COMMAND; PS2=$'\\x1c> \\x1f'; PS1=$'\\x1e'${quote(ps1)}$'\\x1f'\n`,
    );
    const first = await engine.readPrompt(10_000);
    engine.prompt = first.prompt;
    if (engine.prompt !== setup.initialScreen) {
      await engine.close();
      throw new AgentWorldError(
        'INTERNAL',
        `bash shows the prompt ${JSON.stringify(engine.prompt)}, the spec expects ${JSON.stringify(setup.initialScreen)}`,
      );
    }
    return engine;
  }

  identity(): Record<string, unknown> {
    return { engine: this.id };
  }

  async predict(request: PredictRequest, options: CallOptions = {}): Promise<Prediction> {
    throwIfAborted(options.signal);
    const action = request.action as TerminalAction;
    let observation: string;
    if (action.length === 0) {
      observation = renderTerminalCompletion(this.lastScreen);
    } else {
      observation = await this.runBatch(action, options);
      this.lastScreen = observation;
    }
    return {
      observation,
      provenance: { source: 'real', engine: this.id, promptHash: request.promptHash },
      events: [],
    };
  }

  async close(): Promise<void> {
    if (!this.exited) {
      this.child.stdin.end();
      const deadline = Date.now() + 2000;
      while (!this.exited && Date.now() < deadline) await sleep(20);
      if (!this.exited) this.child.kill('SIGKILL');
    }
    rmSync(this.root, { recursive: true, force: true });
  }

  private async runBatch(action: TerminalAction, options: CallOptions): Promise<string> {
    const entries: TerminalScreenEntry[] = [];
    for (const command of action) {
      throwIfAborted(options.signal);
      const keystrokes = command.keystrokes;
      if (keystrokes === '') {
        await sleep(Math.min(command.duration, 2) * 1000, options.signal);
        continue;
      }
      if (isTerminalControlKey(keystrokes)) {
        if (isTerminalEnterKey(keystrokes)) entries.push(await this.runLine());
        else if (keystrokes === 'C-c') {
          // At an idle prompt the terminal echoes ^C, bash drops the typed line and prints a fresh prompt.
          entries.push({ prompt: this.prompt, typed: `${this.pending}^C`, output: '' });
          this.pending = '';
        } else {
          throw new AgentWorldError(
            'UNSUPPORTED',
            `The real-bash recorder does not support the key ${keystrokes}.`,
          );
        }
        continue;
      }
      // Every newline runs the line typed so far; text after the last newline stays typed at the prompt.
      const parts = keystrokes.replace(/\r\n?/g, '\n').split('\n');
      for (let index = 0; index < parts.length; index++) {
        this.pending += parts[index] ?? '';
        if (index < parts.length - 1) entries.push(await this.runLine());
      }
    }
    const shown = entries.map((entry) => ({ ...entry, output: expandTabs(entry.output) }));
    const screen = renderTerminalScreen({ entries: shown, finalPrompt: `${this.prompt}${this.pending}` });
    return this.rewritePaths(screen);
  }

  /** Sends the typed line to bash and waits for the next prompt. */
  private async runLine(): Promise<TerminalScreenEntry> {
    const typed = this.pending;
    const prompt = this.prompt;
    this.pending = '';
    this.child.stdin.write(`${typed}\n`);
    const result = await this.readPrompt(this.commandTimeoutMs);
    this.prompt = result.prompt;
    return { prompt, typed, output: result.output };
  }

  private async readPrompt(timeoutMs: number): Promise<{ output: string; prompt: string }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.buffer.includes(CONTINUATION_START)) {
        throw new AgentWorldError('UNSUPPORTED', 'The real-bash recorder needs complete command lines.');
      }
      const start = this.buffer.indexOf(PROMPT_START);
      const end = start < 0 ? -1 : this.buffer.indexOf(PROMPT_END, start);
      if (end >= 0) {
        const output = this.buffer.slice(0, start);
        const prompt = this.buffer.slice(start + 1, end);
        this.buffer = this.buffer.slice(end + 1);
        return { output, prompt: this.rewritePaths(prompt) };
      }
      if (this.exited) throw new AgentWorldError('ENGINE_UNAVAILABLE', 'bash exited.');
      if (Date.now() > deadline) {
        throw new AgentWorldError('ENGINE_TIMEOUT', `bash did not show a prompt within ${timeoutMs} ms.`);
      }
      await sleep(5);
    }
  }

  /** The temporary root stands in for `/`: remove it from everything shown. */
  private rewritePaths(text: string): string {
    return text.split(`${this.root}/`).join('/').split(this.root).join('/');
  }
}
