import { setMaxListeners } from 'node:events';
import { type Command, InvalidArgumentError } from 'commander';
import { toAgentWorldError } from '../../core/errors.js';
import { formatError } from '../output.js';
import {
  addBenchJudgeOptions,
  type BenchJudgeClientFlags,
  benchJudgeClientOptions,
} from './bench-judge-options.js';
import { wholeNumber } from './rollout-options.js';

const TURING_HELP = `
The double-blind real-vs-simulated test: for every row of a predictions file (bench infer or bench judge output)
the judge sees the history, the agent's action and two responses, the real observation and the world model's
prediction, in an order drawn from --seed and the row's key (recorded per row), and names the one that came
from the real environment. Printed: how often the judge was fooled (took the simulated response for the real
one; 50% = indistinguishable), overall and per domain, with counts and 95% Wilson intervals; how often it named
A (position bias); rows whose prediction equals the ground truth byte for byte apart (a coin flip). A reply that
names neither response is asked again, then counted as failed, never scored. Every verdict is appended to --out
at once: rerunning with the same --out resumes; a run with another judge, parameters or seed is refused.
Example:
  agentworld bench turing --predictions results/predictions.jsonl --judge-url https://api.openai.com/v1 --judge-model gpt-5.2 --out results/turing.jsonl`;

interface TuringFlags extends BenchJudgeClientFlags {
  readonly predictions: string;
  readonly out: string;
  readonly seed: number;
  readonly concurrency: number;
  readonly limit?: number | undefined;
  readonly domains?: string[] | undefined;
  readonly json?: boolean | undefined;
}

function domainList(value: string, previous: string[] | undefined): string[] {
  const domains = value
    .split(',')
    .map((domain) => domain.trim())
    .filter((domain) => domain !== '');
  if (domains.length === 0) throw new InvalidArgumentError('name at least one domain');
  return [...(previous ?? []), ...domains];
}

/** `agentworld bench turing --predictions FILE --judge-url URL --judge-model NAME --out FILE`. */
export function registerBenchTuringCommand(bench: Command): void {
  const command = bench
    .command('turing')
    .description(
      'double-blind real-vs-simulated test: how often a judge takes the prediction for the real one',
    )
    .requiredOption('--predictions <file>', 'bench infer or bench judge output (JSONL)')
    .requiredOption('--out <file>', 'verdicts (JSONL, appended; rerun with the same file to resume)');
  addBenchJudgeOptions(command, {
    maxRetries:
      'judge replies per row before an unreadable row fails, and attempts per streak of server failures',
    temperature: 'judge sampling temperature',
    maxTokens: 'judge completion budget',
  })
    .option('--seed <n>', 'seed of the A/B order', wholeNumber(0), 0)
    .option('--concurrency <n>', 'judge requests in flight', wholeNumber(1), 8)
    .option('--limit <n>', 'only the first N rows', wholeNumber(1))
    .option('--domains <list>', 'only these domains (comma-separated, repeatable)', domainList)
    .option('--json', 'print the report as JSON')
    .addHelpText('after', TURING_HELP)
    .action(async (flags: TuringFlags) => {
      process.exitCode = await runBenchTuring(flags);
    });
}

async function progressBar(enabled: boolean): Promise<{
  start(total: number, done: number): void;
  update(done: number, fooled: number, failed: number): void;
  stop(): void;
}> {
  const silent = { start: () => undefined, update: () => undefined, stop: () => undefined };
  if (!enabled || process.stderr.isTTY !== true) return silent;
  const { Presets, SingleBar } = await import('cli-progress');
  const bar = new SingleBar(
    {
      format:
        'turing [{bar}] {value}/{total} rows | {rate}/min | ETA {eta_formatted} | fooled {fooled} failed {failed}',
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  let startedAt = 0;
  let initial = 0;
  return {
    start(total, done) {
      startedAt = performance.now();
      initial = done;
      bar.start(total, done, { rate: '0.0', fooled: 0, failed: 0 });
    },
    update(done, fooled, failed) {
      const minutes = (performance.now() - startedAt) / 60_000;
      bar.update(done, {
        rate: minutes > 0 ? ((done - initial) / minutes).toFixed(1) : '0.0',
        fooled,
        failed,
      });
    },
    stop: () => bar.stop(),
  };
}

export async function runBenchTuring(flags: TuringFlags): Promise<number> {
  const progress = await progressBar(flags.progress);
  try {
    const clientOptions = benchJudgeClientOptions(flags, 'The turing test');
    const { formatTuringReport, runTuring } = await import('../../fidelity/turing/index.js');
    let fooled = 0;
    let failed = 0;
    const controller = new AbortController();
    setMaxListeners(0, controller.signal);
    const onSignal = (): void => controller.abort(new Error('interrupted'));
    process.once('SIGINT', onSignal);
    let result: Awaited<ReturnType<typeof runTuring>>;
    try {
      result = await runTuring({
        predictions: flags.predictions,
        out: flags.out,
        judge: { ...clientOptions, maxRetries: flags.maxRetries },
        seed: flags.seed,
        concurrency: flags.concurrency,
        limit: flags.limit,
        domains: flags.domains,
        signal: controller.signal,
        onEvent: (event) => {
          if (event.type === 'start') progress.start(event.total, event.done);
          else {
            if (event.line.fooled === true) fooled += 1;
            if (event.line.failed) failed += 1;
            progress.update(event.done, fooled, failed);
          }
        },
      });
    } finally {
      process.removeListener('SIGINT', onSignal);
      progress.stop();
    }
    for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
    process.stderr.write(
      `turing: ${result.selected} rows selected, ${result.ran} asked now, ${result.resumed} kept from an earlier run, ${result.withoutPrediction} without a prediction (skipped); verdicts in ${flags.out}\n`,
    );
    process.stdout.write(
      flags.json === true
        ? `${JSON.stringify(result.report, null, 2)}\n`
        : `${formatTuringReport(result.report)}\n`,
    );
    return 0;
  } catch (error) {
    progress.stop();
    process.stderr.write(`${formatError(toAgentWorldError(error), process.stderr)}\n`);
    return 1;
  }
}
