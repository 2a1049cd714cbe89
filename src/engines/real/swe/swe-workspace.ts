/**
 * One session's repository: a host folder that the sandbox shows at the spec's working directory, with the
 * spec's initial files committed to git, plus the harness state that lives between calls (the editor's undo
 * stacks, SWE-agent's submit stage, gemini-cli's process-group counter).
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import type { CallOptions } from '../../../core/abort.js';
import { AgentWorldError } from '../../../core/errors.js';
import type { SweAgentEditorFiles } from '../../../domains/swe/index.js';
import { removeTree } from '../sandbox/index.js';
import { runInSweSandbox, type SweCommandResult } from './swe-sandbox.js';

export interface SweWorkspaceOptions {
  readonly bwrapPath: string;
  readonly cwd: string;
  readonly files: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
}

export class SweWorkspace {
  readonly editorHistory = new Map<string, string[]>();
  submitStage = 0;
  commandCount = 0;
  private constructor(
    readonly root: string,
    private readonly options: SweWorkspaceOptions,
  ) {}

  get cwd(): string {
    return this.options.cwd;
  }

  /** A fresh repository holding the initial files (paths absolute under cwd, or relative to it), committed. */
  static async create(options: SweWorkspaceOptions, call: CallOptions = {}): Promise<SweWorkspace> {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'agentworld-swe-')));
    const workspace = new SweWorkspace(root, options);
    try {
      for (const [path, content] of Object.entries(options.files)) {
        const host = workspace.hostPath(posix.resolve(options.cwd, path));
        if (host === undefined) continue;
        mkdirSync(dirname(host), { recursive: true });
        writeFileSync(host, content);
      }
      const setup = await workspace.run(
        'git init -q -b main && git add -A && git commit -q --allow-empty -m initial',
        call,
      );
      if (setup.code !== 0)
        throw new AgentWorldError(
          'ENGINE_UNAVAILABLE',
          `git setup failed in the swe sandbox: ${setup.output}`,
        );
      return workspace;
    } catch (error) {
      removeTree(root);
      throw error;
    }
  }

  /** The host path of an absolute sandbox path inside the workspace; undefined outside it. */
  hostPath(path: string): string | undefined {
    const relative = posix.relative(this.options.cwd, posix.resolve(this.options.cwd, path));
    if (relative.startsWith('..') || posix.isAbsolute(relative)) return undefined;
    return relative === '' ? this.root : join(this.root, relative);
  }

  /** Runs a bash command in the sandbox, in the working directory. */
  run(command: string, call: CallOptions = {}): Promise<SweCommandResult> {
    this.commandCount += 1;
    return runInSweSandbox(
      {
        bwrapPath: this.options.bwrapPath,
        workspace: this.root,
        cwd: this.options.cwd,
        timeoutMs: this.options.timeoutMs,
      },
      command,
      call,
    );
  }

  get timeoutSeconds(): number {
    return Math.round(this.options.timeoutMs / 1000);
  }

  exists(path: string): boolean {
    const host = this.hostPath(path);
    return host !== undefined && existsSync(host);
  }

  isDirectory(path: string): boolean {
    const host = this.hostPath(path);
    return host !== undefined && existsSync(host) && statSync(host).isDirectory();
  }

  read(path: string): string | undefined {
    const host = this.hostPath(path);
    if (host === undefined || !existsSync(host) || statSync(host).isDirectory()) return undefined;
    return readFileSync(host, 'utf8');
  }

  write(path: string, content: string): void {
    const host = this.hostPath(path);
    if (host === undefined)
      throw new AgentWorldError('INVALID_ACTION', `${path} is outside the workspace ${this.options.cwd}`);
    mkdirSync(dirname(host), { recursive: true });
    writeFileSync(host, content);
  }

  /** The editor's view of these files; `find` output for folders is filled in by the caller beforehand. */
  editorFiles(trees: ReadonlyMap<string, string>): SweAgentEditorFiles {
    return {
      exists: (path) => this.exists(path),
      isDirectory: (path) => this.isDirectory(path),
      read: (path) => this.read(path) ?? '',
      write: (path, content) => this.write(path, content),
      listTree: (path) => trees.get(path) ?? '',
    };
  }

  close(): void {
    removeTree(this.root);
  }
}
