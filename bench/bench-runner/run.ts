/**
 * bench/bench-runner — `agentworld bench infer`'s throughput: the same rows (AgentWorldBench rows exported from
 * the project's own sessions, examples/sessions and corpus/real) answered by a scripted OpenAI-compatible world
 * model in a process of its own that answers every request after 200 ms; once at concurrency 1 (the reference
 * eval.py: one request at a time) and once at the default concurrency. Prints both wall times, their ratio, and
 * whether the two result files agree row by row (generation, extracted observation, judge-free metrics).
 *
 * Every line carries the judge-free metrics (src/fidelity/metrics), as `bench infer` computes them; their CPU
 * time is part of both runs. `--no-metrics` leaves them out, to measure the runner alone.
 *
 * Usage: node --import tsx bench/bench-runner/run.ts [rows (default 300)] [latency ms (default 200)] [--no-metrics]
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportSessions } from '../../src/export/run-export.js';
import {
  createOpenAiAnswerer,
  DEFAULT_INFER_CONCURRENCY,
  INFER_LINE_LOG_FORMAT,
  type InferSummary,
  runInfer,
} from '../../src/fidelity/infer/index.js';
import { judgeFreeMetrics } from '../../src/fidelity/metrics/index.js';
import { loadRows } from '../../src/fidelity/rows/index.js';
import { readResultLog } from '../../src/fidelity/run/result-log.js';
import type { BenchRow, InferLine, JudgeFreeMetrics } from '../../src/fidelity/schemas.js';
import { startBenchChild } from '../server/child-process.js';

const positional = process.argv.slice(2).filter((argument) => !argument.startsWith('--'));
const WITH_METRICS = !process.argv.includes('--no-metrics');
const ROWS = Number(positional[0] ?? 300);
const LATENCY_MS = Number(positional[1] ?? 200);
const TARGET_SPEEDUP = 30;
if (!Number.isInteger(ROWS) || ROWS < 1) throw new Error('rows must be a whole number ≥ 1');

const scratch = mkdtempSync(join(tmpdir(), 'agentworld-bench-runner-'));

/** `ROWS` rows spread evenly over every row the project's sessions export to (every turn). */
async function benchRowsFile(): Promise<string> {
  const inputs = [
    ...readdirSync('examples/sessions').map((name) => join('examples/sessions', name)),
    ...readdirSync('corpus/real')
      .filter((name) => name.endsWith('.jsonl.gz'))
      .map((name) => join('corpus/real', name)),
  ].filter((path) => path.endsWith('.jsonl') || path.endsWith('.jsonl.gz'));
  const all = join(scratch, 'all-rows.jsonl');
  await exportSessions({ format: 'bench', turns: 'all', out: all, inputs });
  const { rows } = await loadRows([all]);
  if (rows.length < ROWS) throw new Error(`only ${rows.length} rows exported, ${ROWS} asked for`);
  const step = rows.length / ROWS;
  const picked = Array.from({ length: ROWS }, (_, index) => rows[Math.floor(index * step)]?.row as BenchRow);
  const path = join(scratch, 'rows.jsonl');
  writeFileSync(path, picked.map((row) => `${JSON.stringify(row)}\n`).join(''));
  return path;
}

type MetricsScorer = (row: BenchRow, prediction: string) => JudgeFreeMetrics;

async function run(
  data: string,
  url: string,
  concurrency: number,
  metrics: MetricsScorer | undefined,
): Promise<{ summary: InferSummary; seconds: number; lines: InferLine[] }> {
  const out = join(scratch, `out-${concurrency}.jsonl`);
  const started = performance.now();
  const summary = await runInfer({
    data: [data],
    out,
    answerer: createOpenAiAnswerer({
      baseUrl: url,
      model: 'bench-world-model',
      temperature: 0.6,
      maxTokens: 32768,
      tokenField: 'max_tokens',
      logprobs: false,
      timeoutMs: 600_000,
    }),
    select: {},
    concurrency,
    retry: {
      maxRetries: 4,
      timeoutMs: 600_000,
      retryBaseMs: 500,
      retryMaxMs: 30_000,
      retryAfterMaxMs: 60_000,
    },
    agentworldVersion: 'bench',
    ...(metrics === undefined ? {} : { metrics }),
  });
  const seconds = (performance.now() - started) / 1000;
  if (summary.done !== ROWS)
    throw new Error(`concurrency ${concurrency}: ${summary.done} of ${ROWS} rows answered`);
  const { lines } = await readResultLog(out, INFER_LINE_LOG_FORMAT);
  return { summary, seconds, lines };
}

/** Keys whose answers differ between two runs (generation, observation, metrics). */
function differingKeys(first: readonly InferLine[], second: readonly InferLine[]): string[] {
  const answer = (line: InferLine): string =>
    JSON.stringify({
      gen: line.gen,
      prediction: line.prediction,
      failed: line.failed,
      metrics: line.metrics,
    });
  const byKey = new Map(second.map((line) => [line.key, answer(line)]));
  const differing = first.filter((line) => byKey.get(line.key) !== answer(line)).map((line) => line.key);
  if (first.length !== second.length) differing.push(`(${first.length} ≠ ${second.length} lines)`);
  return differing;
}

const server = await startBenchChild('../bench-runner/server.ts', [String(LATENCY_MS)]);
try {
  const { url } = JSON.parse(server.firstLine) as { url: string };
  const data = await benchRowsFile();
  const metrics: MetricsScorer | undefined = WITH_METRICS ? judgeFreeMetrics : undefined;
  const sequential = await run(data, url, 1, metrics);
  const concurrent = await run(data, url, DEFAULT_INFER_CONCURRENCY, metrics);
  const speedup = sequential.seconds / concurrent.seconds;
  const differing = differingKeys(sequential.lines, concurrent.lines);
  const domains = Object.entries(concurrent.summary.perDomain)
    .map(([domain, count]) => `${domain} ${count}`)
    .join(', ');
  console.log(
    `bench-runner: ${ROWS} rows (${domains}), server answers after ${LATENCY_MS} ms, ${availableParallelism()} cores`,
  );
  console.log(`  concurrency 1 (eval.py):  ${sequential.seconds.toFixed(2)} s`);
  console.log(`  concurrency ${DEFAULT_INFER_CONCURRENCY} (default): ${concurrent.seconds.toFixed(2)} s`);
  console.log(
    `  speed-up: ${speedup.toFixed(1)}× (target ≥ ${TARGET_SPEEDUP}×) ${speedup >= TARGET_SPEEDUP ? 'PASS' : 'FAIL'}`,
  );
  console.log(
    `  identical outputs by key: ${differing.length === 0 ? 'yes' : `NO (${differing.slice(0, 5).join(', ')})`}; judge-free metrics ${metrics === undefined ? 'off (--no-metrics)' : 'computed and compared'}`,
  );
  if (differing.length > 0 || speedup < TARGET_SPEEDUP) process.exitCode = 1;
} finally {
  await server.stop();
  rmSync(scratch, { recursive: true, force: true });
}
