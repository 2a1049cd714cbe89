/**
 * bench/server — the HTTP env server under load. Three processes on the machine: this one (the load generator,
 * and the SessionManager for the in-process runs), the HTTP env server (a child process, so clients and server
 * do not share an event loop, as in a real deployment) and the scripted model server (a child process of its
 * own, terminal screens, answering at once or after 200 ms). Every step goes through the real lwm engine over
 * HTTP to the model server and is committed to SQLite before it is answered.
 *
 * For 1, 100 and 1,000 concurrent sessions (closed loop: each session sends its next step when the previous
 * answer arrives) it measures steps per second and p50/p99 step latency over HTTP and with the same
 * SessionManager called in this process (no HTTP), and prints their ratio and the HTTP overhead per step.
 * The lwm engine's per-endpoint concurrency (default 16) is lifted to 4,096 so it does not cap 1,000 sessions.
 * Memory per idle session is measured in a child process started with --expose-gc (memory-probe.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import cliProgress from 'cli-progress';
import { createLwmEngine } from '../../src/engines/lwm/index.js';
import { quantile } from '../engine-overhead/statistics.js';
import { BENCH_ENGINE_CONCURRENCY, benchManager } from './bench-manager.js';
import { startBenchChild } from './child-process.js';
import { JsonHttpClient } from './http-client.js';
import { type LoadResult, runLoad } from './load-run.js';
import { httpDriver, inProcessDriver, type StepDriver } from './step-drivers.js';

/** An agent's pause between steps in the paced runs: 1,000 sessions then ask for ~240 steps/s at 200 ms. */
const THINK_MS = 4000;

/**
 * Steps per session for each (model latency, concurrent sessions): each run lasts a few seconds on 2 cores.
 * `thinkMs` > 0: each session pauses that long between an answer and its next step, as an agent choosing its
 * next action does (the flat-p99 target is about this regime: a thousand sessions held, below saturation).
 */
const PLAN: ReadonlyArray<{
  latencyMs: number;
  thinkMs: number;
  runs: ReadonlyArray<[sessions: number, steps: number]>;
}> = [
  {
    latencyMs: 0,
    thinkMs: 0,
    runs: [
      [1, 1000],
      [100, 50],
      [1000, 10],
    ],
  },
  {
    latencyMs: 200,
    thinkMs: 0,
    runs: [
      [1, 25],
      [100, 30],
      [1000, 10],
    ],
  },
  {
    latencyMs: 200,
    thinkMs: THINK_MS,
    runs: [
      [1, 10],
      [1000, 5],
    ],
  },
];
const MEMORY_SESSIONS = 1000;
const MEMORY_TURNS = 4;
/**
 * Heap growth per closed session per round of the memory probe below which it reports nothing left behind.
 * With nothing left behind the probe still reads 60-80 B per session over its 4 rounds of 1,000 sessions:
 * optimized code that keeps being compiled for a few more rounds, then flattens out (measured over 40 rounds:
 * +1.4 MiB after the first, +1.7 MiB after the tenth, the same after the fortieth). A closed session that left
 * memory behind would add the same every round; the 1.4 KiB per session the probe used to report was far above.
 */
const LEAK_BYTES_PER_SESSION = 200;

interface Row extends LoadResult {
  readonly transport: string;
  readonly latencyMs: number;
}

const progress = new cliProgress.SingleBar(
  { format: '{phase} [{bar}] {value}/{total} steps', stream: process.stderr, hideCursor: true },
  cliProgress.Presets.shades_classic,
);

async function measure(
  driver: StepDriver,
  latencyMs: number,
  thinkMs: number,
  sessions: number,
  steps: number,
): Promise<Row> {
  progress.start(sessions * steps, 0, {
    phase: `${driver.name.padEnd(10)} ${String(latencyMs).padStart(3)} ms ${String(sessions).padStart(4)} sessions${thinkMs > 0 ? ` think ${thinkMs / 1000} s` : ''}`,
  });
  const result = await runLoad(driver, sessions, steps, () => progress.increment(), thinkMs);
  progress.stop();
  return { ...result, transport: driver.name, latencyMs };
}

/** Compiles the hot paths of both transports before anything is timed. */
async function warmUp(drivers: readonly StepDriver[]): Promise<void> {
  for (const driver of drivers) {
    await runLoad(driver, 1, 30);
    await runLoad(driver, 50, 3);
  }
}

const rows: Row[] = [];
const directory = mkdtempSync(join(tmpdir(), 'agentworld-bench-server-'));
try {
  for (const { latencyMs, thinkMs, runs } of PLAN) {
    const model = await startBenchChild('model-server.ts', [String(latencyMs)]);
    const server = await startBenchChild('http-server-process.ts', [model.firstLine]);
    const client = new JsonHttpClient(server.firstLine);
    const engine = createLwmEngine({
      baseUrl: model.firstLine,
      model: 'bench',
      concurrency: BENCH_ENGINE_CONCURRENCY,
    });
    const { manager, store } = await benchManager(engine, join(directory, `in-process-${latencyMs}.db`));
    const drivers = [httpDriver(client), inProcessDriver(manager)];
    try {
      await warmUp(drivers);
      for (const [sessions, steps] of runs) {
        for (const driver of drivers) rows.push(await measure(driver, latencyMs, thinkMs, sessions, steps));
      }
    } finally {
      client.close();
      manager.shutdown();
      await store.close();
      await engine.close();
      await server.stop();
      await model.stop();
    }
  }
  progress.start(MEMORY_SESSIONS, 0, { phase: 'memory per idle session (child process)  ' });
  const probe = await startBenchChild(
    'memory-probe.ts',
    [String(MEMORY_SESSIONS), String(MEMORY_TURNS)],
    ['--expose-gc'],
  );
  await probe.stop();
  progress.update(MEMORY_SESSIONS);
  progress.stop();
  const memory = JSON.parse(probe.firstLine) as {
    heapBytesPerSession: number;
    historyBytesPerSession: number;
    specBytesPerSession: number;
    cycles: number;
    growthPerRoundBytesPerSession: number;
    afterCloseKiB: number[];
  };
  report(rows, memory);
} finally {
  rmSync(directory, { recursive: true, force: true });
}

function ms(value: number): string {
  return value.toFixed(2).padStart(8);
}

function find(transport: string, latencyMs: number, sessions: number, thinkMs = 0): Row {
  const row = rows.find(
    (candidate) =>
      candidate.transport === transport &&
      candidate.latencyMs === latencyMs &&
      candidate.sessions === sessions &&
      candidate.thinkMs === thinkMs,
  );
  if (row === undefined) throw new Error(`no run ${transport} ${latencyMs} ms ${sessions} sessions`);
  return row;
}

function report(
  all: readonly Row[],
  memory: {
    heapBytesPerSession: number;
    historyBytesPerSession: number;
    specBytesPerSession: number;
    cycles: number;
    growthPerRoundBytesPerSession: number;
    afterCloseKiB: number[];
  },
): void {
  console.log(
    '\nbench/server — HTTP env server (child process) vs the SessionManager in-process, terminal domain',
  );
  console.log(
    `machine: ${process.platform} ${process.arch}, node ${process.version}, ${cpus().length} cores; ` +
      `lwm engine concurrency ${BENCH_ENGINE_CONCURRENCY}; every step committed to SQLite before its answer`,
  );
  console.log('\nmodel  think  transport   sessions  steps   seconds  steps/s   p50 ms   p99 ms');
  for (const row of all) {
    console.log(
      `${String(row.latencyMs).padStart(3)} ms  ${`${row.thinkMs / 1000} s`.padStart(5)}  ${row.transport.padEnd(10)} ${String(row.sessions).padStart(8)} ${String(row.latenciesMs.length).padStart(6)} ${row.seconds.toFixed(2).padStart(9)} ${(row.latenciesMs.length / row.seconds).toFixed(0).padStart(8)} ${ms(quantile(row.latenciesMs, 0.5))} ${ms(quantile(row.latenciesMs, 0.99))}`,
    );
  }

  console.log('\nHTTP ÷ in-process step latency, and HTTP overhead per step (HTTP p50 − in-process p50):');
  for (const { latencyMs, thinkMs, runs } of PLAN) {
    if (thinkMs > 0) continue;
    for (const [sessions] of runs) {
      const http = find('http', latencyMs, sessions);
      const local = find('in-process', latencyMs, sessions);
      const httpP50 = quantile(http.latenciesMs, 0.5);
      const localP50 = quantile(local.latenciesMs, 0.5);
      console.log(
        `  ${String(latencyMs).padStart(3)} ms model, ${String(sessions).padStart(4)} sessions: p50 ratio ${(httpP50 / localP50).toFixed(2)}, p99 ratio ${(quantile(http.latenciesMs, 0.99) / quantile(local.latenciesMs, 0.99)).toFixed(2)}, overhead ${(httpP50 - localP50).toFixed(2)} ms/step`,
      );
    }
  }
  const http1 = find('http', 0, 1);
  const local1 = find('in-process', 0, 1);
  const overhead = quantile(http1.latenciesMs, 0.5) - quantile(local1.latenciesMs, 0.5);
  console.log(
    `  HTTP overhead per step, 1 session, model answering at once: ${overhead.toFixed(2)} ms (target: < 2 ms) ${overhead < 2 ? 'met' : 'NOT met'}`,
  );

  console.log('\np99 at 200 ms model latency (HTTP), p99 at N sessions ÷ p99 at 1 session:');
  const base = quantile(find('http', 200, 1).latenciesMs, 0.99);
  for (const sessions of [1, 100, 1000]) {
    const row = find('http', 200, sessions);
    const p50 = quantile(row.latenciesMs, 0.5);
    const p99 = quantile(row.latenciesMs, 0.99);
    const served = row.latenciesMs.length / row.seconds;
    console.log(
      `  closed loop ${String(sessions).padStart(4)} sessions: p99 ${p99.toFixed(1)} ms, ${(p99 / base).toFixed(2)}×; p99 ÷ p50 ${(p99 / p50).toFixed(2)} (asks ${(sessions / 0.2).toFixed(0)} steps/s, served ${served.toFixed(0)})`,
    );
  }
  const pacedBase = quantile(find('http', 200, 1, THINK_MS).latenciesMs, 0.99);
  const paced = find('http', 200, 1000, THINK_MS);
  const pacedP99 = quantile(paced.latenciesMs, 0.99);
  const flat = pacedP99 / pacedBase;
  console.log(
    `  agents pausing ${THINK_MS / 1000} s between steps, 1,000 sessions: p50 ${quantile(paced.latenciesMs, 0.5).toFixed(1)} ms, p99 ${pacedP99.toFixed(1)} ms = ${flat.toFixed(2)}× the 1-session p99 (${pacedBase.toFixed(1)} ms), ${(paced.latenciesMs.length / paced.seconds).toFixed(0)} steps/s`,
  );
  console.log(
    `  target: 1,000 concurrent sessions held with flat p99 (≤ 1.5× the 1-session p99, below saturation): ${flat <= 1.5 ? 'met' : 'NOT met'} (${flat.toFixed(2)}×)`,
  );
  console.log(
    '  (closed loop at full speed, 1,000 sessions ask 5,000 steps/s of 2 cores that serve a few hundred: every step queues; p99 ÷ p50 shows whether the queue is fair)',
  );

  const beyond = memory.heapBytesPerSession - memory.historyBytesPerSession;
  const growth = memory.growthPerRoundBytesPerSession;
  console.log(
    `\nMemory per idle session (${MEMORY_SESSIONS} live sessions of ${MEMORY_TURNS} turns, heap after forced GC, after a warm-up round of the same size):`,
  );
  console.log(
    `  heap ${(memory.heapBytesPerSession / 1024).toFixed(1)} KiB per session; its history (UTF-8 JSON of its turns) ${(memory.historyBytesPerSession / 1024).toFixed(1)} KiB; spec + system prompt ${(memory.specBytesPerSession / 1024).toFixed(1)} KiB (shared, one copy per world)`,
  );
  console.log(
    `  beyond its history: ${(beyond / 1024).toFixed(1)} KiB (target: < 20 KB) ${beyond < 20_000 ? 'met' : 'NOT met'}`,
  );
  console.log(
    `  after close: heap ${memory.afterCloseKiB.map((kib) => `${kib >= 0 ? '+' : ''}${kib}`).join(', ')} KiB over the baseline after each of ${memory.cycles + 1} rounds of ${MEMORY_SESSIONS} sessions opened and closed; growth ${growth.toFixed(0)} B per session per round: ${growth < LEAK_BYTES_PER_SESSION ? `under ${LEAK_BYTES_PER_SESSION} B (code still being optimized), nothing left behind by closed sessions` : `over ${LEAK_BYTES_PER_SESSION} B: closed sessions leave memory behind`}`,
  );
}
