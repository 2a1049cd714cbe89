/**
 * `real-swe`: an Engine that carries out swe actions for real in a git repository made in a temporary folder,
 * and renders the results in the spec's dialect. mini-swe-agent and swe-agent actions run as those harnesses
 * run them (bash commands, the str_replace_editor); claude-code and gemini-cli results are the same real
 * effects rendered in those tools' formats. It exists to record example sessions; it is not a sandbox, so only
 * trusted, scripted actions may be given to it. The temporary folder is shown as the spec's working folder.
 */
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { type CallOptions, throwIfAborted } from '../../src/core/abort.js';
import type { Engine, Prediction, PredictRequest } from '../../src/core/engine.js';
import { AgentWorldError } from '../../src/core/errors.js';
import type { WorldSpec } from '../../src/core/world-spec.js';
import {
  readSweInitialData,
  SWE_AGENT_NO_OUTPUT,
  type SweAction,
  type SweDialect,
  sweDialectOf,
  sweRenderClaudeFileUpdated,
  sweRenderClaudeRead,
  sweRenderClaudeWriteCreated,
  sweRenderGeminiShellEnvelope,
  sweRenderMiniException,
  sweRenderMiniObservation,
  sweRenderSweAgentView,
} from '../../src/domains/swe/index.js';

interface CommandResult {
  readonly code: number;
  readonly output: string;
  readonly timedOut: boolean;
}

export class RealSweEngine implements Engine {
  readonly id = 'real-swe';
  readonly model = undefined;
  private readonly root: string;
  private readonly cwd: string;
  private readonly dialect: SweDialect;
  private readonly history = new Map<string, string[]>();

  private constructor(
    spec: WorldSpec,
    private readonly timeoutMs: number,
  ) {
    this.dialect = sweDialectOf(spec);
    this.cwd = readSweInitialData(spec).cwd;
    this.root = realpathSync(mkdtempSync(join(tmpdir(), 'agentworld-real-swe-')));
  }

  /** A fresh repository holding the spec's initial files, committed. */
  static async start(
    spec: WorldSpec,
    options: { commandTimeoutSeconds?: number } = {},
  ): Promise<RealSweEngine> {
    const engine = new RealSweEngine(spec, (options.commandTimeoutSeconds ?? 60) * 1000);
    for (const [path, content] of Object.entries(readSweInitialData(spec).files)) {
      const real = engine.realPath(path);
      mkdirSync(dirname(real), { recursive: true });
      writeFileSync(real, content);
    }
    const setup =
      'git init -q -b main && git -c user.name=dev -c user.email=dev@example.invalid add -A && ' +
      'git -c user.name=dev -c user.email=dev@example.invalid commit -q -m initial';
    const result = await engine.run(setup);
    if (result.code !== 0) throw new AgentWorldError('ENGINE_ERROR', `git setup failed: ${result.output}`);
    return engine;
  }

  identity(): Record<string, unknown> {
    return { engine: this.id };
  }

  /** The real path of a path the agent names (absolute under the working folder, or relative to it). */
  private realPath(path: string): string {
    const relative = posix.relative(this.cwd, posix.resolve(this.cwd, path));
    if (relative.startsWith('..'))
      throw new AgentWorldError('INVALID_ACTION', `${path} is outside the repository`);
    return join(this.root, relative);
  }

  private shown(text: string): string {
    return text.split(this.root).join(this.cwd);
  }

  private run(command: string, options: CallOptions = {}): Promise<CommandResult> {
    return new Promise((resolve) => {
      execFile(
        'bash',
        ['-c', `exec 2>&1\n${command}`],
        {
          cwd: this.root,
          timeout: this.timeoutMs,
          maxBuffer: 64 * 1024 * 1024,
          env: {
            PATH: process.env.PATH ?? '/usr/bin:/bin',
            HOME: this.root,
            LC_ALL: 'C',
            PAGER: 'cat',
            GIT_PAGER: 'cat',
          },
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        },
        (error, stdout) => {
          const failure = error as (Error & { code?: unknown; killed?: boolean }) | null;
          const code = failure === null ? 0 : typeof failure.code === 'number' ? failure.code : -1;
          resolve({ code, output: this.shown(String(stdout)), timedOut: failure?.killed === true });
        },
      );
    });
  }

  private read(path: string): string | undefined {
    const real = this.realPath(path);
    return existsSync(real) ? readFileSync(real, 'utf8') : undefined;
  }

  private write(path: string, content: string): boolean {
    const real = this.realPath(path);
    const existed = existsSync(real);
    this.history.set(real, [...(this.history.get(real) ?? []), existed ? readFileSync(real, 'utf8') : '']);
    mkdirSync(dirname(real), { recursive: true });
    writeFileSync(real, content);
    return existed;
  }

  private absolute(path: string): string {
    return posix.resolve(this.cwd, path);
  }

  private async observe(action: SweAction, options: CallOptions): Promise<string> {
    const args = action.arguments;
    const text = (key: string): string => (typeof args[key] === 'string' ? (args[key] as string) : '');
    switch (`${this.dialect}:${action.name}`) {
      case 'mini-swe-agent:bash': {
        const result = await this.run(text('command'), options);
        if (result.timedOut) {
          return sweRenderMiniException(
            `The command timed out after ${this.timeoutMs / 1000} seconds.`,
            result.output,
          );
        }
        return sweRenderMiniObservation(result.code, result.output);
      }
      case 'swe-agent:bash': {
        const result = await this.run(text('command'), options);
        return result.output.length === 0 && result.code === 0
          ? SWE_AGENT_NO_OUTPUT
          : result.output.replace(/\n$/, '');
      }
      case 'swe-agent:submit':
        return (await this.run('git add -A && git diff --cached', options)).output;
      case 'swe-agent:str_replace_editor':
        return this.editor(action);
      case 'claude-code:Bash': {
        const result = await this.run(text('command'), options);
        const output = result.output.replace(/\n$/, '');
        return result.code === 0 ? output : `Exit code ${result.code}\n${output}`;
      }
      case 'claude-code:Read': {
        const content = this.read(text('file_path'));
        return content === undefined
          ? '<tool_use_error>File does not exist.</tool_use_error>'
          : sweRenderClaudeRead(content);
      }
      case 'claude-code:Write': {
        const path = this.absolute(text('file_path'));
        const existed = this.write(path, text('content'));
        return existed
          ? sweRenderClaudeFileUpdated(path, text('content'), 1)
          : sweRenderClaudeWriteCreated(path);
      }
      case 'claude-code:Edit':
      case 'gemini-cli:edit': {
        const path = this.absolute(text('file_path'));
        const content = this.read(path);
        const old = text('old_string');
        const count = content === undefined ? 0 : content.split(old).length - 1;
        if (content === undefined || count !== 1) {
          const reason =
            count === 0
              ? 'String to replace not found in file.'
              : `Found ${count} matches of the string to replace.`;
          return this.dialect === 'claude-code'
            ? `<tool_use_error>${reason}\nString: ${old}</tool_use_error>`
            : `Error: Failed to edit, ${count} occurrences found for old_string in ${path}.`;
        }
        const updated = content.replace(old, () => text('new_string'));
        this.write(path, updated);
        const line = content.slice(0, content.indexOf(old)).split('\n').length;
        return this.dialect === 'claude-code'
          ? sweRenderClaudeFileUpdated(path, updated, line)
          : `Successfully modified file: ${path} (1 replacements).`;
      }
      case 'gemini-cli:read_file': {
        const content = this.read(text('absolute_path'));
        return content ?? `File not found: ${text('absolute_path')}`;
      }
      case 'gemini-cli:write_file': {
        const path = this.absolute(text('file_path'));
        const existed = this.write(path, text('content'));
        return existed
          ? `Successfully overwrote file: ${path}.`
          : `Successfully created and wrote to new file: ${path}.`;
      }
      case 'gemini-cli:run_shell_command': {
        const result = await this.run(text('command'), options);
        return sweRenderGeminiShellEnvelope({
          command: text('command'),
          output: result.output,
          exitCode: result.code,
          processGroup: 40_000 + (this.history.size + 1) * 7,
        });
      }
      default:
        throw new AgentWorldError('UNSUPPORTED', `real-swe cannot run ${action.name} for ${this.dialect}`);
    }
  }

  /** swe-agent's str_replace_editor, on the real files. */
  private editor(action: SweAction): string {
    const args = action.arguments;
    const path = this.absolute(String(args.path));
    const content = this.read(path);
    switch (args.command) {
      case 'view':
        return content === undefined
          ? `The path ${path} does not exist. Please provide a valid path.`
          : sweRenderSweAgentView(path, content);
      case 'create':
        if (content !== undefined)
          return `File already exists at: ${path}. Cannot overwrite files using command \`create\`.`;
        this.write(path, String(args.file_text ?? ''));
        return sweRenderClaudeWriteCreated(path);
      case 'str_replace': {
        const old = String(args.old_str ?? '');
        const count = content === undefined ? 0 : content.split(old).length - 1;
        if (content === undefined || count === 0) {
          return `No replacement was performed, old_str \`${old}\` did not appear verbatim in ${path}.`;
        }
        if (count > 1)
          return `No replacement was performed. Multiple occurrences of old_str \`${old}\`. Please ensure it is unique.`;
        const updated = content.replace(old, () => String(args.new_str ?? ''));
        this.write(path, updated);
        return `The file ${path} has been edited. ${sweRenderSweAgentView(path, updated)}Review the changes and make sure they are as expected. Edit the file again if necessary.`;
      }
      case 'undo_edit': {
        const stack = this.history.get(this.realPath(path)) ?? [];
        const previous = stack.pop();
        if (previous === undefined) return `No edit history found for ${path}.`;
        writeFileSync(this.realPath(path), previous);
        return `Last edit to ${path} undone successfully. ${sweRenderSweAgentView(path, previous)}`;
      }
      default:
        return `Unrecognized command ${String(args.command)}.`;
    }
  }

  async predict(request: PredictRequest, options: CallOptions = {}): Promise<Prediction> {
    throwIfAborted(options.signal);
    const observation = await this.observe(request.action as SweAction, options);
    return {
      observation,
      provenance: { source: 'real', engine: this.id, promptHash: request.promptHash },
      events: [],
    };
  }

  async close(): Promise<void> {
    rmSync(this.root, { recursive: true, force: true });
  }
}
