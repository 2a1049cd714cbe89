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
 *
 * Leak check. The first full round of sessions leaves about 1.4 KiB per session on the heap after they are all
 * closed, and heap snapshots show what it is: optimized code (TurboFan code, deopt data, relocation info) for
 * the functions that only got hot during the round, V8's number-to-string cache growing to its maximum size,
 * and hash tables (e.g. a WeakMap of the terminal domain) that keep the capacity of their busiest moment; no
 * JavaScript object of a closed session stays. None of that grows again with more sessions. So the probe warms
 * up with one full round of the same size before its baseline, and then runs `argv[4]` more rounds of open and
 * close: what a closed session leaves behind would grow the heap by the same amount every round, and is
 * reported as the median slope of the heap after each round (per session); the one-off rest is reported
 * apart. (The old probe also still held the array of the closed sessions' ids when it measured: 56 B each.)
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
const cycles = Math.max(1, Number(process.argv[4] ?? '3'));

/**
 * The heap after enough full collections for it to settle: V8 keeps unused object shapes for a few collections
 * and drops or refills its number-to-string cache (256 KiB) at some of them, which moved a reading made after 4
 * collections by ±200 KiB; after 12 the readings of one round repeat within a few KiB.
 */
async function settledHeap(): Promise<number> {
  for (let round = 0; round < 12; round += 1) {
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
const { manager, store } = await benchManager(engine, join(directory, 'sessions.db'));
const driver = inProcessDriver(manager);
let nextSeed = 0;

async function openSessions(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 50) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(50, count - start) }, async (_, offset) => {
        const id = await driver.reset(nextSeed++);
        for (let turn = 1; turn <= turns; turn += 1) await driver.step(id, benchAction(turn + offset));
        return id;
      }),
    );
    ids.push(...batch);
  }
  return ids;
}

async function closeAll(ids: readonly string[]): Promise<void> {
  for (const id of ids) await driver.close(id);
}

/** Opens the sessions, measures them live, closes them; the ids are gone when the caller measures again. */
async function measuredRound(before: number): Promise<Record<string, number>> {
  const ids = await openSessions(sessions);
  const after = await settledHeap();
  if (manager.liveCount !== sessions) throw new Error(`expected ${sessions} live, got ${manager.liveCount}`);
  let historyBytes = 0;
  let specBytes = 0;
  for (const id of ids) {
    const record = await manager.record(ANONYMOUS_OWNER, id);
    historyBytes += Buffer.byteLength(JSON.stringify(record.turns));
    specBytes +=
      Buffer.byteLength(JSON.stringify(record.spec)) +
      Buffer.byteLength(record.systemPrompt) +
      Buffer.byteLength(record.initialObservation);
  }
  await closeAll(ids);
  if (manager.liveCount !== 0) throw new Error(`expected 0 live after close, got ${manager.liveCount}`);
  return {
    heapBytesPerSession: (after - before) / sessions,
    historyBytesPerSession: historyBytes / sessions,
    specBytesPerSession: specBytes / sessions,
  };
}

/** Theil–Sen slope of `values` over their index (the median of the slopes between every two readings). */
function slope(values: readonly number[]): number {
  const slopes: number[] = [];
  for (let i = 0; i < values.length; i += 1) {
    for (let j = i + 1; j < values.length; j += 1)
      slopes.push(((values[j] as number) - (values[i] as number)) / (j - i));
  }
  slopes.sort((a, b) => a - b);
  const middle = Math.floor(slopes.length / 2);
  if (slopes.length === 0) return 0;
  return slopes.length % 2 === 1
    ? (slopes[middle] as number)
    : ((slopes[middle - 1] as number) + (slopes[middle] as number)) / 2;
}

try {
  // Warm-up at full size: compiles the hot paths and brings V8's caches and the hash tables to their working
  // size, so neither the live figure nor the leak check counts them.
  await closeAll(await openSessions(sessions));
  const before = await settledHeap();
  const live = await measuredRound(before);
  // The heap after each round of open and close, relative to the baseline: a leak grows it every round.
  const afterClose = [(await settledHeap()) - before];
  for (let cycle = 1; cycle <= cycles; cycle += 1) {
    await closeAll(await openSessions(sessions));
    afterClose.push((await settledHeap()) - before);
  }
  process.stdout.write(
    `${JSON.stringify({
      sessions,
      turns,
      ...live,
      cycles,
      retainedAfterCloseBytesPerSession: (afterClose[0] as number) / sessions,
      growthPerRoundBytesPerSession: slope(afterClose) / sessions,
      afterCloseKiB: afterClose.map((bytes) => Math.round(bytes / 1024)),
    })}\n`,
  );
} finally {
  manager.shutdown();
  await store.close();
  await engine.close();
  rmSync(directory, { recursive: true, force: true });
}
