import { setMaxListeners } from 'node:events';
import { type Command, InvalidArgumentError } from 'commander';
import { AgentWorldError, toAgentWorldError } from '../../core/errors.js';
import { formatError } from '../output.js';
import { positiveNumber, wholeNumber } from './rollout-options.js';

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

interface TuringFlags {
  readonly predictions: string;
  readonly out: string;
  readonly judgeUrl?: string | undefined;
  readonly judgeModel?: string | undefined;
  readonly judgeApiKey?: string | undefined;
  readonly judgeReasoningModel?: boolean | undefined;
  readonly temperature: number;
  readonly maxTokens: number;
  readonly maxRetries: number;
  readonly timeoutS: number;
  readonly progress: boolean;
  readonly seed: number;
  readonly concurrency: number;
  readonly limit?: number | undefined;
  readonly domains?: string[] | undefined;
  readonly json?: boolean | undefined;
}

function temperature(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0) {
    throw new InvalidArgumentError('must be a number ≥ 0');
  }
  return parsed;
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
  bench
    .command('turing')
    .description(
      'double-blind real-vs-simulated test: how often a judge takes the prediction for the real one',
    )
    .requiredOption('--predictions <file>', 'bench infer or bench judge output (JSONL)')
    .requiredOption('--out <file>', 'verdicts (JSONL, appended; rerun with the same file to resume)')
    .option('--judge-url <url>', 'OpenAI-compatible base URL of the judge (env AGENTWORLD_JUDGE_URL)')
    .option('--judge-model <name>', 'judge model (env AGENTWORLD_JUDGE_MODEL)')
    .option('--judge-api-key <key>', 'API key of the judge (env AGENTWORLD_JUDGE_API_KEY)')
    .option(
      '--judge-reasoning-model',
      'send max_completion_tokens and no temperature (OpenAI reasoning models)',
    )
    .option(
      '--max-retries <n>',
      'judge replies per row before an unreadable row fails, and attempts per streak of server failures',
      wholeNumber(1),
      3,
    )
    .option('--temperature <t>', 'judge sampling temperature', temperature, 0.6)
    .option('--max-tokens <n>', 'judge completion budget', wholeNumber(1), 32768)
    .option('--timeout-s <seconds>', 'limit of one judge request', positiveNumber, 600)
    .option('--seed <n>', 'seed of the A/B order', wholeNumber(0), 0)
    .option('--concurrency <n>', 'judge requests in flight', wholeNumber(1), 8)
    .option('--limit <n>', 'only the first N rows', wholeNumber(1))
    .option('--domains <list>', 'only these domains (comma-separated, repeatable)', domainList)
    .option('--no-progress', 'no progress bar')
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
    const baseUrl = flags.judgeUrl ?? (process.env.AGENTWORLD_JUDGE_URL || undefined);
    const model = flags.judgeModel ?? (process.env.AGENTWORLD_JUDGE_MODEL || undefined);
    if (baseUrl === undefined || model === undefined) {
      throw new AgentWorldError(
        'INVALID_REQUEST',
        'The turing test needs a judge: --judge-url and --judge-model (or AGENTWORLD_JUDGE_URL and AGENTWORLD_JUDGE_MODEL).',
      );
    }
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
        judge: {
          baseUrl,
          model,
          apiKey: flags.judgeApiKey ?? (process.env.AGENTWORLD_JUDGE_API_KEY || undefined),
          temperature: flags.temperature,
          maxTokens: flags.maxTokens,
          reasoningModel: flags.judgeReasoningModel,
          maxRetries: flags.maxRetries,
          timeoutMs: flags.timeoutS * 1000,
        },
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
