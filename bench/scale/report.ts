/** The tables the benchmark prints: one per part, with the ratios each part is about. */
import { availableParallelism } from 'node:os';
import { quantile } from '../engine-overhead/statistics.js';
import type { HttpReport } from './http-balancer.js';
import type { QueueItemKind, QueueReport } from './queue-throughput.js';
import type { StoreReport } from './store-writes.js';

/** The share of N × the one-worker rate a queue run must reach while cores last. */
export const SCALING_TARGET = 0.8;

const signed = (value: number): string => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(2)}`;
const right = (value: string | number, width: number): string => String(value).padStart(width);
const left = (value: string, width: number): string => value.padEnd(width);

export function printQueue(report: QueueReport, print: (line: string) => void): void {
  const cores = availableParallelism();
  print(
    `\n1. Queue throughput — agentworld worker processes (--concurrency 1 each) on Redis (BullMQ) + PostgreSQL, model answering after ${report.sizes.modelLatencyMs} ms; ${cores} CPU cores`,
  );
  print(
    '("÷ N×1": items/s ÷ (N × the 1-worker items/s), target ≥ 0.8; "cores": CPU the workers used ÷ wall time)',
  );
  print(
    `${left('items', 17)} ${right('workers', 7)} ${right('items', 6)} ${right('seconds', 8)} ${right('items/s', 8)} ${right('÷ N×1', 6)} ${right('cores', 6)}  per worker`,
  );
  for (const kind of ['infer rows', 'rollout episodes'] as const satisfies readonly QueueItemKind[]) {
    const rows = report.measurements.filter((measurement) => measurement.kind === kind);
    const one = rows.find((row) => row.workers === 1)?.rate;
    for (const row of rows) {
      const ratio = one === undefined ? Number.NaN : row.rate / (row.workers * one);
      print(
        `${left(kind, 17)} ${right(row.workers, 7)} ${right(row.run.items, 6)} ${right(row.run.seconds.toFixed(2), 8)} ${right(row.rate.toFixed(2), 8)} ${right(ratio.toFixed(2), 6)} ${right(row.workerCores === undefined ? '-' : row.workerCores.toFixed(2), 6)}  ${[...row.run.perWorker.values()].join('/')}`,
      );
    }
    print(`  ${scalingVerdict(kind, rows, one, cores)}`);
  }
  for (const stage of report.stages) {
    const once = stage.counts.done === stage.jobs && stage.counts.already === 0 && stage.counts.failed === 0;
    print(
      `  exactly once, ${stage.workers} worker${stage.workers === 1 ? '' : 's'}: ${once ? 'yes' : 'NO'} (${stage.jobs} jobs enqueued, workers report ${stage.counts.done} done, ${stage.counts.already} already done, ${stage.counts.failed} failed; one result per item)`,
    );
  }
}

function scalingVerdict(
  kind: QueueItemKind,
  rows: ReadonlyArray<{ workers: number; rate: number; workerCores: number | undefined }>,
  one: number | undefined,
  cores: number,
): string {
  if (one === undefined) return `${kind}: no one-worker run to compare with`;
  const below = rows.find((row) => row.workers > 1 && row.rate < SCALING_TARGET * row.workers * one);
  const largest = Math.max(...rows.map((row) => row.workers));
  if (below === undefined) {
    return `${kind}: ≥ ${SCALING_TARGET} × N up to ${largest} workers (target met)`;
  }
  const busy =
    below.workerCores === undefined ? '' : `, workers busy on ${below.workerCores.toFixed(2)} cores`;
  const where = below.workers > cores ? `more workers than the ${cores} cores` : `within the ${cores} cores`;
  return `${kind}: stops scaling at ${below.workers} workers (${(below.rate / (below.workers * one)).toFixed(2)} × N; ${where}${busy})`;
}

export function printStore(report: StoreReport, print: (line: string) => void): void {
  print(
    `\n2. Store turn writes — appendTurn (one transaction per turn, ${Math.round(report.turnBytes)} B of turn JSON on average)`,
  );
  print(
    `${left('store', 10)} ${right('sessions', 8)} ${right('turns', 6)} ${right('seconds', 8)} ${right('turns/s', 8)}`,
  );
  for (const row of report.measurements) {
    print(
      `${left(row.backend, 10)} ${right(row.sessions === 1 ? '1 (seq)' : row.sessions, 8)} ${right(row.turns, 6)} ${right(row.seconds.toFixed(2), 8)} ${right(row.turnsPerSecond.toFixed(0), 8)}`,
    );
  }
  for (const sessions of new Set(report.measurements.map((row) => row.sessions))) {
    const of = (backend: string) =>
      report.measurements.find((row) => row.backend === backend && row.sessions === sessions);
    const postgres = of('postgres');
    const sqlite = of('sqlite');
    if (postgres === undefined || sqlite === undefined) continue;
    print(
      `  PostgreSQL ÷ SQLite, ${sessions === 1 ? 'one writer' : `${sessions} sessions at once`}: ${(postgres.turnsPerSecond / sqlite.turnsPerSecond).toFixed(2)}`,
    );
  }
}

/** Steps that failed over all HTTP runs (the benchmark exits with 1 when there are any). */
export function failedHttpSteps(report: HttpReport): number {
  return report.measurements.reduce((sum, row) => sum + row.load.failedSteps, 0);
}

export function printHttp(report: HttpReport, print: (line: string) => void): void {
  print(
    `\n3. HTTP step latency — env servers on one PostgreSQL, ${report.sizes.sessions} sessions in a closed loop, round-robin proxy (no sticky sessions; "moved": requests of a session sent to another server than its previous request)`,
  );
  print(
    `${right('model', 6)}  ${left('route', 20)} ${right('steps', 6)} ${right('seconds', 8)} ${right('steps/s', 8)} ${right('p50 ms', 8)} ${right('p99 ms', 8)} ${right('failed', 6)}  requests per server (moved)`,
  );
  for (const row of report.measurements) {
    const { latenciesMs, seconds } = row.load;
    print(
      `${right(`${row.modelLatencyMs} ms`, 6)}  ${left(row.route, 23)} ${right(latenciesMs.length, 6)} ${right(seconds.toFixed(2), 8)} ${right((latenciesMs.length / seconds).toFixed(0), 8)} ${right(quantile(latenciesMs, 0.5).toFixed(1), 8)} ${right(quantile(latenciesMs, 0.99).toFixed(1), 8)} ${right(row.load.failedSteps, 6)}  ${row.forwarded.length === 0 ? '-' : `${row.forwarded.join('/')} (${row.moved})`}`,
    );
  }
  for (const row of report.measurements) {
    if (row.load.failedSteps > 0)
      print(
        `  FAILED: model ${row.modelLatencyMs} ms, ${row.route}: ${row.load.failedSteps} steps failed; first: ${row.load.firstFailure?.slice(0, 400)}`,
      );
  }
  for (const latency of report.sizes.modelLatenciesMs) {
    const of = (route: string) =>
      report.measurements.find((row) => row.route === route && row.modelLatencyMs === latency);
    const direct = of('1 server direct');
    const viaProxy = of('1 server via proxy');
    const pair = of('2 servers via proxy');
    const sticky = of('2 servers, sticky proxy');
    if (direct === undefined || viaProxy === undefined || pair === undefined) continue;
    const rate = (row: typeof direct) => row.load.latenciesMs.length / row.load.seconds;
    const p50 = (row: typeof direct) => quantile(row.load.latenciesMs, 0.5);
    print(
      `  model ${latency} ms: proxy cost ${signed(p50(viaProxy) - p50(direct))} ms p50; 2 servers ÷ 1 server (both via proxy): steps/s ${(rate(pair) / rate(viaProxy)).toFixed(2)}, p50 ${(p50(pair) / p50(viaProxy)).toFixed(2)}${
        sticky === undefined
          ? ''
          : `; sticky: steps/s ${(rate(sticky) / rate(viaProxy)).toFixed(2)}, p50 ${(p50(sticky) / p50(viaProxy)).toFixed(2)}`
      }`,
    );
  }
}
