/**
 * Everything the benchmark starts is registered here, so it is taken down on every way out: `runCleanups()` at
 * the end of a run (or of a failed one) runs the registered async stops, newest first; SIGINT/SIGTERM run them
 * and exit; and at process exit any child still running is killed with SIGKILL (a last resort, synchronous).
 */
import type { ChildProcess } from 'node:child_process';

type Stop = () => Promise<void>;

const stops: Array<{ name: string; stop: Stop }> = [];
const children = new Set<ChildProcess>();
let installed = false;
let interrupted: string | undefined;

/** Throws once SIGINT or SIGTERM arrived: nothing new is started while the benchmark is being taken down. */
export function throwIfInterrupted(): void {
  if (interrupted !== undefined) throw new Error(`interrupted by ${interrupted}`);
}

function killLeftovers(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

function install(): void {
  if (installed) return;
  installed = true;
  process.on('exit', killLeftovers);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = signal;
      process.stderr.write(`\n${signal}: stopping everything the benchmark started …\n`);
      void runCleanups().finally(() => process.exit(130));
    });
  }
}

/** Registers a child process: killed with SIGKILL if it is still running when this process exits. */
export function trackChild(child: ChildProcess): void {
  install();
  if (interrupted !== undefined) {
    child.kill('SIGKILL');
    throwIfInterrupted();
  }
  children.add(child);
  child.once('exit', () => children.delete(child));
}

/** Registers an async stop (a server, a database); returns a function that runs it once and unregisters it. */
export function onCleanup(name: string, stop: Stop): Stop {
  install();
  const entry = { name, stop };
  stops.push(entry);
  return async () => {
    const index = stops.indexOf(entry);
    if (index < 0) return;
    stops.splice(index, 1);
    await stop();
  };
}

/** Runs every registered stop, newest first; a stop that fails is reported and the others still run. */
export async function runCleanups(): Promise<void> {
  while (stops.length > 0) {
    const entry = stops.pop() as { name: string; stop: Stop };
    try {
      await entry.stop();
    } catch (error) {
      process.stderr.write(`cleanup of ${entry.name} failed: ${(error as Error).message}\n`);
    }
  }
  killLeftovers();
}
