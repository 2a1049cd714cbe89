/**
 * Starts `runServe` in a child process (test/server/serve-process.ts) and waits for its "listening on" line; for
 * the tests that kill serving processes or run several of them on one store.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServeOptions } from '../../src/cli/commands/serve.js';

const SCRIPT = fileURLToPath(new URL('./serve-process.ts', import.meta.url));

export interface ServeProcess {
  readonly child: ChildProcess;
  readonly url: string;
}

export async function startServeProcess(options: ServeOptions): Promise<ServeProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, AGENTWORLD_SERVER_KEYS: '' },
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${output}`)), 120_000);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
  return { child, url };
}

/** SIGTERM, then waits for the exit (nothing when the process has already ended). */
export async function stopServeProcess(server: ServeProcess | undefined): Promise<void> {
  if (server === undefined || server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}
