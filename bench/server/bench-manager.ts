import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../src/core/engine.js';
import { SessionManager, SessionRepository } from '../../src/server/sessions/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { BENCH_AGENT_COMMANDS } from '../shared/agent-commands.js';

/** The terminal example with room for long sessions, served under the name `bench`. */
export const BENCH_SPEC_NAME = 'bench';
export const benchSpec: Record<string, unknown> = {
  ...(JSON.parse(readFileSync(join(import.meta.dirname, '../../examples/terminal.json'), 'utf8')) as Record<
    string,
    unknown
  >),
  maxTurns: 1000,
};

/** The keystrokes the benchmark's agents type, in turn. */
const COMMANDS = BENCH_AGENT_COMMANDS;

export function benchAction(turn: number): unknown {
  return [{ keystrokes: COMMANDS[turn % COMMANDS.length] as string, duration: 1 }];
}

/**
 * A SessionManager over a fresh store (a SQLite file, or a postgres:// URL), sized for the benchmark: no per-key limit in the way, room for
 * every session in memory, no sweeps during a run. The same settings serve the HTTP and the in-process runs.
 */
export async function benchManager(
  engine: Engine,
  storeLocation: string,
): Promise<{ manager: SessionManager; store: Store }> {
  const store = await openStore(storeLocation);
  const manager = new SessionManager({
    repository: new SessionRepository(store),
    engine,
    namedSpecs: { [BENCH_SPEC_NAME]: benchSpec },
    maxOpenSessionsPerOwner: 1_000_000,
    maxLiveSessions: 10_000,
    sweepIntervalMs: 0,
  });
  return { manager, store };
}

/**
 * The lwm engine's per-endpoint concurrency defaults to 16 model calls at a time, which would hold 1,000
 * sessions at 200 ms model latency to 80 steps/s; the benchmark lifts it so the server, not the limiter, is
 * measured.
 */
export const BENCH_ENGINE_CONCURRENCY = 4096;
