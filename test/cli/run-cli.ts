/**
 * Runs the real `agentworld` command (`node --import tsx src/cli/main.ts …`) as a child process from the
 * repository root, with a fresh temporary AGENTWORLD_HOME and none of the caller's AGENTWORLD_* variables, so no
 * user configuration leaks into a test.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** How long a CLI run may take before it counts as hung and is killed. */
export const CLI_HANG_GUARD_MS = 600_000;

export interface CliRun {
  /** Exit status; `null` when the process was killed. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

export interface CliOptions {
  /** Written to stdin, which is then closed; stdin is closed at once when omitted. */
  readonly stdin?: string;
  /** Extra variables (an `undefined` value removes one). AGENTWORLD_HOME defaults to a fresh temp folder. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * Kill the process after this long: a guard against a hang, never a speed requirement (default 10 min; a busy
   * machine makes a run slower, not wrong).
   */
  readonly timeoutMs?: number;
}

/** A temporary folder removed by `remove()`. */
export function temporaryFolder(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `agentworld-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * The environment of a child `agentworld`: the caller's without any AGENTWORLD_* variable (so no model server
 * is configured), with AGENTWORLD_HOME = `home`, plus `extra` (an `undefined` value removes one).
 */
export function cliEnvironment(
  extra: Readonly<Record<string, string | undefined>>,
  home: string,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith('AGENTWORLD_') || name.startsWith('NODE_TEST') || name === 'NO_COLOR') continue;
    if (name === 'FORCE_COLOR') continue;
    env[name] = value;
  }
  env.AGENTWORLD_HOME = home;
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

export async function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliRun> {
  const home = temporaryFolder('home');
  try {
    return await new Promise<CliRun>((resolvePromise, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
        cwd: REPO_ROOT,
        env: cliEnvironment(options.env ?? {}, home.path),
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      let timedOut = false;
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
      });
      const timer = setTimeout(() => {
        timedOut = true;
        child.kill('SIGKILL');
      }, options.timeoutMs ?? CLI_HANG_GUARD_MS);
      child.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.on('close', (code) => {
        clearTimeout(timer);
        resolvePromise({ code, stdout, stderr, timedOut });
      });
      child.stdin.on('error', () => undefined); // the CLI may exit before reading everything
      child.stdin.end(options.stdin ?? '');
    });
  } finally {
    home.remove();
  }
}

/** Runs `agentworld step` and parses the one JSON line it prints. */
export async function runStepCommand(
  request: unknown,
  args: readonly string[] = [],
  options: Omit<CliOptions, 'stdin'> = {},
): Promise<{ run: CliRun; answer: Record<string, unknown> }> {
  const run = await runCli(['step', ...args], {
    ...options,
    stdin: typeof request === 'string' ? request : JSON.stringify(request),
  });
  const lines = run.stdout.split('\n').filter((line) => line.trim() !== '');
  if (lines.length !== 1) {
    throw new Error(`step printed ${lines.length} lines (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
  return { run, answer: JSON.parse(lines[0] as string) as Record<string, unknown> };
}

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago and was closed again). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  const address = server.address();
  await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** The start of any ANSI escape sequence (ESC then "["). */
export const ANSI_ESCAPE = new RegExp(`${String.fromCharCode(27)}\\[`);
