/**
 * The benchmark's helper processes (bench/server's child-process helper: a Node process under tsx that prints
 * its URL first, and exits when its stdin closes), registered for cleanup on every way out.
 */
import { type BenchChild, startBenchChild } from '../server/child-process.js';
import { onCleanup, trackChild } from './cleanup.js';

/**
 * Starts `bench/<folder>/<file>` (a path relative to bench/, e.g. `server/model-server.ts`) with `args`; the
 * returned `stop()` is the registered cleanup (idempotent).
 */
export async function startChild(pathInBench: string, args: readonly string[] = []): Promise<BenchChild> {
  const child = await startBenchChild(`../${pathInBench}`, args);
  trackChild(child.process);
  const stop = onCleanup(pathInBench, () => child.stop());
  return { firstLine: child.firstLine, process: child.process, stop };
}

/** The scripted OpenAI-compatible model server of bench/server (terminal screens) answering after `latencyMs`. */
export async function startModelServer(latencyMs: number): Promise<{ url: string; stop(): Promise<void> }> {
  const child = await startChild('server/model-server.ts', [String(latencyMs)]);
  return { url: child.firstLine, stop: child.stop };
}
