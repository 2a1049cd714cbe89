import { type CallOptions, throwIfAborted } from '../../../core/abort.js';
import type { Engine, Prediction, PredictRequest } from '../../../core/engine.js';
import { AgentWorldError } from '../../../core/errors.js';
import type { TerminalAction } from '../../../domains/terminal/index.js';
import { renderTerminalScreen } from '../../../domains/terminal/index.js';
import { expandTabs } from './expand-tabs.js';
import type { PtyShell, ShellCommandResult } from './pty-shell.js';

/** The prompt PS2 shows before each continuation line (here-document lines), as a terminal displays it. */
const CONTINUATION_PROMPT = '> ';

/**
 * An Engine over one sandboxed bash, for the session generator: each action is exactly one command line
 * (`[{ keystrokes: "<command>\n" }]`, which may contain here-document lines). The screen is laid out as the
 * terminal recorder lays it out: the prompt, the command as typed (continuation lines after `> `), the output
 * with tabs expanded, then the next prompt.
 */
export class SandboxShellEngine implements Engine {
  readonly id = 'real-bash';
  readonly model = undefined;
  private prompt: string;
  private last: ShellCommandResult | undefined;

  constructor(
    private readonly shell: PtyShell,
    private readonly commandTimeoutMs: number,
  ) {
    this.prompt = shell.initialPrompt;
  }

  /** What the last command did (exit status and directory), for the generator's bookkeeping. */
  get lastResult(): ShellCommandResult | undefined {
    return this.last;
  }

  identity(): Record<string, unknown> {
    return { engine: this.id };
  }

  async predict(request: PredictRequest, options: CallOptions = {}): Promise<Prediction> {
    throwIfAborted(options.signal);
    const action = request.action as TerminalAction;
    const command = action[0];
    if (action.length !== 1 || command === undefined || !command.keystrokes.endsWith('\n')) {
      throw new AgentWorldError(
        'UNSUPPORTED',
        'The generator engine runs exactly one command line per action.',
      );
    }
    const line = command.keystrokes.slice(0, -1);
    const before = this.prompt;
    const result = await this.shell.run(line, { timeoutMs: this.commandTimeoutMs, signal: options.signal });
    this.prompt = result.prompt;
    this.last = result;
    const observation = renderTerminalScreen({
      entries: [
        {
          prompt: before,
          typed: line.split('\n').join(`\n${CONTINUATION_PROMPT}`),
          output: expandTabs(result.output),
        },
      ],
      finalPrompt: result.prompt,
    });
    return {
      observation,
      provenance: { source: 'real', engine: this.id, promptHash: request.promptHash },
      events: [],
    };
  }

  /** The shell belongs to the generator (it serves later sessions too): closing the engine leaves it open. */
  async close(): Promise<void> {}
}
