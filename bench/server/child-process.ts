import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** A bench helper process: the first line it printed on stdout, and a way to stop it. */
export interface BenchChild {
  readonly firstLine: string;
  readonly process: ChildProcess;
  /** Closes its stdin (the helpers exit when stdin ends) and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * Starts `bench/server/<script>` in a Node process of its own (through tsx), with `args`, and waits for the
 * first line it prints. `nodeFlags` go before the script (e.g. `--expose-gc`).
 */
export async function startBenchChild(
  script: string,
  args: readonly string[] = [],
  nodeFlags: readonly string[] = [],
): Promise<BenchChild> {
  const child = spawn(
    process.execPath,
    [...nodeFlags, '--import', 'tsx', join(import.meta.dirname, script), ...args],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const firstLine = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before printing a line`)));
  });
  return {
    firstLine,
    process: child,
    stop: async () => {
      child.stdin?.end();
      await exited;
    },
  };
}
