/**
 * Memory per idle session, in a process of its own started with `--expose-gc` (so nothing else the benchmark
 * allocated is on the heap). Opens `argv[2]` sessions through the SessionManager with `argv[3]` turns each,
 * the model answering in-process (no sockets), forces garbage collection before and after, and prints one JSON
 * line: the heap growth per live session and the bytes of its history.
 *
 * History bytes of a session = UTF-8 bytes of the JSON of its turns (what the store holds in `session_turns`:
 * action, prompt, observation, reasoning, provenance, events, checks, timing, usage). Spec bytes = UTF-8 bytes
 * of the JSON of its WorldSpec, system prompt and initial observation, reported apart: each session holds its
 * own reference to those, shared between sessions of one world (the manager keeps one copy of each).
 * After the sessions are closed the heap is measured once more: what remains is memory the steps left behind
 * outside the sessions (per step).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLwmEngine } from '../../src/engines/lwm/index.js';
import { ANONYMOUS_OWNER } from '../../src/server/sessions/index.js';
import { inProcessModelFetch } from '../engine-overhead/terminal-responder.js';
import { BENCH_ENGINE_CONCURRENCY, benchAction, benchManager } from './bench-manager.js';
import { inProcessDriver } from './step-drivers.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');
const sessions = Number(process.argv[2] ?? '1000');
const turns = Number(process.argv[3] ?? '4');

async function settledHeap(): Promise<number> {
  for (let round = 0; round < 4; round += 1) {
    (gc as () => void)();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

const directory = mkdtempSync(join(tmpdir(), 'agentworld-bench-memory-'));
const engine = createLwmEngine(
  { baseUrl: 'http://in-process.invalid/v1', model: 'bench', concurrency: BENCH_ENGINE_CONCURRENCY },
  { fetch: inProcessModelFetch() },
);
const { manager, store } = benchManager(engine, join(directory, 'sessions.db'));
const driver = inProcessDriver(manager);

async function openSessions(count: number, seedBase: number): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, count - start) }, async (_, offset) => {
        const id = await driver.reset(seedBase + start + offset);
        for (let turn = 1; turn <= turns; turn += 1) await driver.step(id, benchAction(turn + offset));
        return id;
      }),
    );
    ids.push(...batch);
  }
  return ids;
}

try {
  // Warm-up: compile the hot paths and fill the one-off caches, then close those sessions (they leave memory).
  for (const id of await openSessions(100, 1_000_000)) await driver.close(id);
  const before = await settledHeap();
  const ids = await openSessions(sessions, 0);
  const after = await settledHeap();
  if (manager.liveCount !== sessions) throw new Error(`expected ${sessions} live, got ${manager.liveCount}`);
  let historyBytes = 0;
  let specBytes = 0;
  for (const id of ids) {
    const record = manager.record(ANONYMOUS_OWNER, id);
    historyBytes += Buffer.byteLength(JSON.stringify(record.turns));
    specBytes +=
      Buffer.byteLength(JSON.stringify(record.spec)) +
      Buffer.byteLength(record.systemPrompt) +
      Buffer.byteLength(record.initialObservation);
  }
  // What stays after every session is closed (and so left memory): memory the steps left behind outside the
  // sessions, which the per-session figure above also contains.
  for (const id of ids) await driver.close(id);
  const afterClose = await settledHeap();
  process.stdout.write(
    `${JSON.stringify({
      sessions,
      turns,
      heapBytesPerSession: (after - before) / sessions,
      historyBytesPerSession: historyBytes / sessions,
      specBytesPerSession: specBytes / sessions,
      retainedAfterCloseBytesPerStep: (afterClose - before) / (sessions * turns),
    })}\n`,
  );
} finally {
  manager.shutdown();
  store.close();
  await engine.close();
  rmSync(directory, { recursive: true, force: true });
}
