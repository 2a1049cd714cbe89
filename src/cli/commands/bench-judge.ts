import { setMaxListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { toAgentWorldError } from '../../core/errors.js';
import type {
  JudgeClient,
  JudgeClientOptions,
  JudgePromptSet,
  JudgeSummary,
} from '../../fidelity/judge/index.js';
import { formatError } from '../output.js';
import {
  addBenchJudgeOptions,
  type BenchJudgeClientFlags,
  benchJudgeClientOptions,
} from './bench-judge-options.js';
import { runIdNotice, withQueueAndStore } from './queue-flags.js';
import { wholeNumber } from './rollout-options.js';

const JUDGE_HELP = `
Scores every answered row of a bench infer file on the five dimensions (format, factuality, consistency,
realism, quality; whole numbers 1–5) with an LLM judge behind an OpenAI-compatible endpoint, as the reference
eval.py judges (spec §2): the domain's judge system prompt, then the earlier turns, the judged action, the
extracted prediction and the ground truth. Built-in prompts are our own words; --judge-prompts DIR uses a
directory laid out like the official repository's prompts/ (<domain>/judge_system_prompt.txt, and optionally
judge_user_prompt.txt with {context}, {world_model_input}, {predicted_observation}, {ground_truth}).
--predictions also takes the reference eval.py's predictions.jsonl (each dataset row with its gen): the
prediction is extracted as eval.py extracts it and the judge-free metrics are computed.
A row without a generation fails with "No model generation" and is never sent. An unparseable reply is sampled
again, up to --max-retries replies, then the row fails (counted, never scored); an API failure waits with backoff.
Each judged row is appended to --out at once; run the same command again to resume (rows whose judge was
unreachable are judged again). <out>.manifest.json pins the judge model, its parameters and the sha256 of
every prompt; a run judged differently is refused with the difference named.
Reasoning models (OpenAI o-series, GPT-5): --judge-reasoning-model sends max_completion_tokens and no
temperature; without it, a 400 naming either parameter is adapted to automatically.
Examples:
  agentworld bench judge --predictions run/infer.jsonl --judge-url https://api.openai.com/v1 --judge-model gpt-5.2 --judge-reasoning-model --out run/judged.jsonl
  agentworld bench judge --predictions run/infer.jsonl --judge-url http://127.0.0.1:8001/v1 --judge-model judge --judge-prompts Qwen-AgentWorld/prompts --out run/judged.jsonl
  agentworld bench score run/judged.jsonl
  agentworld bench judge --predictions run/infer.jsonl --judge-url URL --judge-model M --out run/judged.jsonl --queue redis://queue-host:6379 --store postgres://aw@db-host/agentworld
With --queue, each row still to judge becomes a job for \`agentworld worker\`; the workers read the judge's API key
from their own AGENTWORLD_JUDGE_API_KEY. Ctrl-C stops waiting; the same command again follows the same run.`;

export interface BenchJudgeFlags extends BenchJudgeClientFlags {
  readonly predictions: string;
  readonly out: string;
  readonly judgePrompts?: string;
  readonly concurrency: number;
  readonly domains?: string[];
  readonly limit?: number;
  readonly json?: boolean;
  /** `--queue redis://…`: the rows as jobs for `agentworld worker`. */
  readonly queue?: string;
  readonly store?: string;
}

function list(value: string, previous: string[] | undefined): string[] {
  const parts = value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  return [...(previous ?? []), ...parts];
}

/** `agentworld bench judge --predictions FILE --judge-url URL --judge-model NAME --out FILE`. */
export function registerBenchJudge(bench: Command): void {
  const command = bench
    .command('judge')
    .description('score each answered row on the five dimensions with an LLM judge, concurrently, resumably')
    .requiredOption(
      '--predictions <file>',
      "the bench infer output (JSONL), or eval.py's predictions.jsonl (dataset rows with gen)",
    )
    .requiredOption('--out <file>', 'the judged JSONL (rerun with the same file to resume)');
  addBenchJudgeOptions(command, {
    maxRetries:
      "judge replies per row before an unparseable row fails, and attempts per API failure (eval.py's --max-retries)",
    temperature: 'judge sampling temperature, as eval.py',
    maxTokens: 'judge completion budget, as eval.py',
    maxTemperature: 2,
  })
    .option('--judge-prompts <dir>', 'judge prompts from a directory: <domain>/judge_system_prompt.txt')
    .option('--concurrency <n>', 'judge requests in flight', wholeNumber(1), 16)
    .option('--domains <list>', 'only these domains, comma-separated (e.g. terminal,mcp)', list)
    .option('--limit <n>', 'the first N selected rows', wholeNumber(1))
    .option('--json', 'print the summary as JSON')
    .option(
      '--queue <url>',
      'enqueue the rows as jobs on this Redis for `agentworld worker` processes, follow them, then write --out',
    )
    .option('--store <path|url>', 'with --queue: the store the workers write to (env AGENTWORLD_STORE)')
    .addHelpText('after', JUDGE_HELP)
    .action(async (flags: BenchJudgeFlags) => {
      process.exitCode = await runBenchJudge(flags);
    });
}

function packageVersion(): string {
  const text = readFileSync(new URL('../../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

async function runQueuedJudge(
  flags: BenchJudgeFlags,
  clientOptions: JudgeClientOptions,
  manifest: JudgeClient['manifest'],
  prompts: JudgePromptSet,
  select: { domains?: string[] | undefined; limit?: number | undefined },
  signal: AbortSignal,
): Promise<JudgeSummary> {
  const { runQueuedJudge: runQueued } = await import('../../queue/index.js');
  const { apiKey: _apiKey, ...judgeSettings } = clientOptions;
  return await withQueueAndStore(flags.queue as string, flags.store, signal, (queue, store) =>
    runQueued({
      queue,
      store,
      predictions: flags.predictions,
      out: flags.out,
      judge: judgeSettings,
      judgeManifest: manifest,
      prompts,
      maxAttempts: flags.maxRetries,
      ...select,
      progress: flags.progress,
      agentworldVersion: packageVersion(),
      log: (line) => console.error(line),
      onRunId: (runId) => console.error(runIdNotice(runId)),
      signal,
    }),
  );
}

export async function runBenchJudge(flags: BenchJudgeFlags): Promise<number> {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  const onSignal = (): void => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const clientOptions = benchJudgeClientOptions(flags, 'bench judge');
    const judge = await import('../../fidelity/judge/index.js');
    const select = { domains: flags.domains, limit: flags.limit };
    const prompts =
      flags.judgePrompts === undefined
        ? judge.builtinJudgePrompts()
        : await judge.loadJudgePrompts(
            flags.judgePrompts,
            await judge.predictionDomains(flags.predictions, select, { signal: controller.signal }),
          );
    const client = judge.createJudgeClient(clientOptions);
    const summary: JudgeSummary =
      flags.queue !== undefined
        ? await runQueuedJudge(flags, clientOptions, client.manifest, prompts, select, controller.signal)
        : await judge.runJudge({
            predictions: flags.predictions,
            out: flags.out,
            client,
            prompts,
            concurrency: flags.concurrency,
            maxAttempts: flags.maxRetries,
            ...select,
            progress: flags.progress,
            agentworldVersion: packageVersion(),
            log: (line) => console.error(line),
            signal: controller.signal,
          });
    if (flags.json === true) console.log(JSON.stringify(summary));
    else {
      const domains = Object.entries(summary.perDomain)
        .map(([domain, count]) => `${domain} ${count}`)
        .join(', ');
      const why = [
        summary.noGeneration > 0 ? `${summary.noGeneration} without a generation` : '',
        summary.unparseable > 0 ? `${summary.unparseable} unparseable judge replies` : '',
        summary.unreachable > 0
          ? `${summary.unreachable} judge failures, judged again on resume when retryable`
          : '',
      ].filter((part) => part !== '');
      console.log(
        `bench judge: judged ${summary.judged}, failed ${summary.failed}${why.length > 0 ? ` (${why.join(', ')})` : ''}, resumed ${summary.resumed} of ${summary.selected} selected (${domains || 'none'}) in ${(summary.wallMs / 1000).toFixed(1)} s → ${summary.out}`,
      );
    }
    if (controller.signal.aborted) return 130;
    // Jobs of a queued run that failed for good (their reasons were printed) make the exit status 1.
    const failedJobs = (summary as { failedJobs?: readonly unknown[] }).failedJobs ?? [];
    return failedJobs.length > 0 ? 1 : 0;
  } catch (error) {
    console.error(formatError(toAgentWorldError(error), process.stderr));
    return controller.signal.aborted ? 130 : 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
