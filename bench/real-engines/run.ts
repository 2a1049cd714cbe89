/**
 * bench/real-engines — what a real engine costs beside a simulated one on the same actions: per case (terminal,
 * mcp with server-everything and with server-memory, swe, web with BrowserGym on Chromium and with the real
 * @playwright/mcp, search over the shipped corpus), session start latency (reset + first step answered),
 * step latency p50/p99 and sessions per minute at each concurrency, for the real engine, the replay of its own
 * recording made in this run, and (terminal) the embedded local model; then real/simulated ratios. Loopback only;
 * every sandbox and server is closed before the script ends.
 *
 *   npm run bench:real -- --sessions 16 --concurrency 1,16 --steps 12 --out real-engines.json
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { BENCH_CASES, type BenchCaseId } from './action-scripts.js';
import { type EngineRun, type RealEnginesBenchResult, runRealEnginesBench } from './real-engines-bench.js';

interface Options {
  sessions: string;
  concurrency: string;
  steps: string;
  domains: string;
  model: string;
  out?: string;
}

const TERMINAL_READY_TARGET_MS = 200;

function parseOptions(): Options {
  const program = new Command('bench:real')
    .option('--sessions <n>', 'sessions per run (at least the concurrency)', '16')
    .option('--concurrency <list>', 'sessions at once, comma separated', '1,16')
    .option('--steps <n>', 'steps per session (the script repeats)', '12')
    .option('--domains <list>', `cases, comma separated: ${BENCH_CASES.join(', ')}`, BENCH_CASES.join(','))
    .option(
      '--model <file>',
      'embedded terminal model',
      join(import.meta.dirname, '../../models/agentworld-terminal.gguf'),
    )
    .option('--out <file>', 'write the results as JSON');
  program.parse();
  return program.opts<Options>();
}

function positiveInteger(text: string, what: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${what} must be a positive integer, got ${text}`);
  return value;
}

function cases(text: string): BenchCaseId[] {
  const expanded = text
    .split(',')
    .flatMap((name) => (name === 'mcp' ? ['mcp-everything', 'mcp-memory'] : [name]));
  for (const name of expanded) {
    if (!(BENCH_CASES as readonly string[]).includes(name))
      throw new Error(`unknown domain ${name}: use ${BENCH_CASES.join(', ')} or mcp`);
  }
  return expanded as BenchCaseId[];
}

const cell = (value: number): string => (Number.isNaN(value) ? '-' : String(value));

function row(run: EngineRun): string {
  const errors = Object.entries(run.errors)
    .map(([code, count]) => `${code}×${count}`)
    .join(' ');
  return [
    run.case.padEnd(18),
    run.engine.padEnd(7),
    String(run.concurrency).padStart(3),
    `${cell(run.startP50Ms)}/${cell(run.startP99Ms)}`.padStart(17),
    `${cell(run.stepP50Ms)}/${cell(run.stepP99Ms)}`.padStart(17),
    cell(run.sessionsPerMinute).padStart(10),
    `${run.turnsRecorded}/${run.turnsSent}`.padStart(11),
    errors || '-',
  ].join(' ');
}

function printSummary(result: RealEnginesBenchResult): void {
  const out = process.stdout;
  out.write('\nratios (real ÷ simulated for start and step p50; simulated ÷ real for sessions/min)\n');
  for (const ratio of result.ratios) {
    out.write(
      `  ${ratio.case.padEnd(18)} vs ${ratio.simulated.padEnd(6)} c=${String(ratio.concurrency).padEnd(3)} start ×${ratio.start}  step ×${ratio.step}  sessions/min ×${ratio.throughput}\n`,
    );
  }
  out.write(`\ntargets (${availableParallelism()} cores here)\n`);
  for (const run of result.runs.filter((each) => each.case === 'terminal' && each.engine === 'real')) {
    if (run.concurrency === 1) {
      const verdict = run.startP50Ms < TERMINAL_READY_TARGET_MS ? 'met' : 'MISSED';
      out.write(
        `  sandboxed terminal ready p50 ${run.startP50Ms} ms (< ${TERMINAL_READY_TARGET_MS} ms): ${verdict}\n`,
      );
    }
    if (run.concurrency >= 16) {
      const verdict = run.lostTurns === 0 && Object.keys(run.errors).length === 0 ? 'met' : 'MISSED';
      out.write(
        `  ${run.concurrency} concurrent terminal sessions: ${run.turnsRecorded}/${run.turnsSent} turns recorded, errors ${JSON.stringify(run.errors)}: ${verdict}\n`,
      );
    }
  }
  for (const note of result.notes) out.write(`  note: ${note}\n`);
}

async function main(): Promise<void> {
  const options = parseOptions();
  const concurrency = options.concurrency.split(',').map((each) => positiveInteger(each, '--concurrency'));
  process.stdout.write(
    `${'case'.padEnd(18)} ${'engine'.padEnd(7)} ${'c'.padStart(3)} ${'start p50/p99 ms'.padStart(17)} ${'step p50/p99 ms'.padStart(17)} ${'sess/min'.padStart(10)} ${'turns rec'.padStart(11)} errors\n`,
  );
  const result = await runRealEnginesBench({
    cases: cases(options.domains),
    sessions: positiveInteger(options.sessions, '--sessions'),
    concurrency,
    steps: positiveInteger(options.steps, '--steps'),
    modelPath: options.model,
    onRun: (run) => process.stdout.write(`${row(run)}\n`),
  });
  printSummary(result);
  if (options.out !== undefined) writeFileSync(options.out, `${JSON.stringify(result, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
