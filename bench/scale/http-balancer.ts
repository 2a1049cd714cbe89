/**
 * Part 3: HTTP step latency with servers behind a load balancer. For each model latency, two env server
 * processes on one PostgreSQL database, and three ways to reach them: one server directly, one server behind the
 * round-robin proxy (the proxy's own cost), and both servers behind it (consecutive steps of a session land on
 * different servers: the session is loaded from the shared store). N sessions in a closed loop: all reset, then
 * K steps each, every step timed by the client (bench/server's keep-alive JSON client and step driver). A step
 * that fails (e.g. a server that does not see the turn another server stored) is counted, not fatal: the report
 * shows it and the benchmark exits with 1.
 */
import { createInterface } from 'node:readline';
import type { BenchChild } from '../server/child-process.js';
import { JsonHttpClient } from '../server/http-client.js';
import { httpDriver } from '../server/step-drivers.js';
import { startChild, startModelServer } from './children.js';
import { throwIfInterrupted } from './cleanup.js';
import { type LoopResult, runClosedLoop } from './closed-loop.js';
import type { PostgresProcess } from './postgres-process.js';
import type { ProxyCounts } from './round-robin-proxy.js';

export interface HttpSizes {
  readonly modelLatenciesMs: readonly number[];
  readonly sessions: number;
  /** Steps per session at each model latency (index matches `modelLatenciesMs`). */
  readonly stepsPerSession: readonly number[];
}

export type Route =
  | '1 server direct'
  | '1 server via proxy'
  | '2 servers via proxy'
  | '2 servers, sticky proxy';

export interface HttpMeasurement {
  readonly route: Route;
  readonly modelLatencyMs: number;
  readonly load: LoopResult;
  /** Requests the proxy sent to each server during the run (none for the direct route). */
  readonly forwarded: readonly number[];
  /** Requests of a session that went to another server than its previous one, and that stayed (proxy only). */
  readonly moved: number;
  readonly stayed: number;
}

export interface HttpReport {
  readonly sizes: HttpSizes;
  readonly measurements: readonly HttpMeasurement[];
}

/** The proxy's counts so far (it answers a line on stdin with one JSON line). */
function countsOf(proxy: BenchChild): Promise<ProxyCounts> {
  const lines = createInterface({ input: proxy.process.stdout as NodeJS.ReadableStream });
  return new Promise((resolve) => {
    lines.once('line', (line) => {
      lines.close();
      resolve(JSON.parse(line) as ProxyCounts);
    });
    proxy.process.stdin?.write('counts\n');
  });
}

async function measureRoute(
  route: Route,
  url: string,
  proxy: BenchChild | undefined,
  modelLatencyMs: number,
  sessions: number,
  steps: number,
): Promise<HttpMeasurement> {
  const client = new JsonHttpClient(url);
  try {
    const driver = httpDriver(client);
    await runClosedLoop(driver, Math.min(sessions, 8), 3);
    const none: ProxyCounts = { forwarded: [], moved: 0, stayed: 0 };
    const before = proxy === undefined ? none : await countsOf(proxy);
    const load = await runClosedLoop(driver, sessions, steps);
    const after = proxy === undefined ? none : await countsOf(proxy);
    return {
      route,
      modelLatencyMs,
      load,
      forwarded: after.forwarded.map((count, index) => count - (before.forwarded[index] ?? 0)),
      moved: after.moved - before.moved,
      stayed: after.stayed - before.stayed,
    };
  } finally {
    client.close();
  }
}

export async function runHttpBalancer(
  sizes: HttpSizes,
  postgres: PostgresProcess,
  log: (line: string) => void,
): Promise<HttpReport> {
  const measurements: HttpMeasurement[] = [];
  for (const [index, modelLatencyMs] of sizes.modelLatenciesMs.entries()) {
    throwIfInterrupted();
    const steps = sizes.stepsPerSession[index] ?? (sizes.stepsPerSession[0] as number);
    const model = await startModelServer(modelLatencyMs);
    const started: BenchChild[] = [];
    try {
      const storeUrl = await postgres.createDatabase();
      const first = await startChild('scale/server-process.ts', [model.url, storeUrl]);
      started.push(first);
      const second = await startChild('scale/server-process.ts', [model.url, storeUrl]);
      started.push(second);
      const single = await startChild('scale/proxy-process.ts', [first.firstLine]);
      started.push(single);
      const pair = await startChild('scale/proxy-process.ts', [first.firstLine, second.firstLine]);
      started.push(pair);
      const stickyPair = await startChild('scale/proxy-process.ts', [
        '--sticky',
        first.firstLine,
        second.firstLine,
      ]);
      started.push(stickyPair);
      // An unmeasured run first: the processes' first steps (JIT, connection pools) are not any route's cost.
      log(`http: model ${modelLatencyMs} ms, warm-up through both servers`);
      await measureRoute(
        '2 servers via proxy',
        pair.firstLine,
        pair,
        modelLatencyMs,
        sizes.sessions,
        Math.min(steps, 10),
      );
      const routes: Array<[Route, string, BenchChild | undefined]> = [
        ['1 server direct', first.firstLine, undefined],
        ['1 server via proxy', single.firstLine, single],
        ['2 servers via proxy', pair.firstLine, pair],
        ['2 servers, sticky proxy', stickyPair.firstLine, stickyPair],
      ];
      for (const [route, url, proxy] of routes) {
        throwIfInterrupted();
        log(`http: model ${modelLatencyMs} ms, ${route}: ${sizes.sessions} sessions × ${steps} steps`);
        measurements.push(await measureRoute(route, url, proxy, modelLatencyMs, sizes.sessions, steps));
      }
    } finally {
      for (const child of started.reverse()) await child.stop();
      await model.stop();
    }
  }
  return { sizes, measurements };
}
