import { setMaxListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { AgentWorldError, toAgentWorldError } from '../../core/errors.js';
import type { InferSummary, RowAnswerer } from '../../fidelity/infer/index.js';
import type { SelectOptions } from '../../fidelity/rows/index.js';
import type { BenchInferJob, InferEngineSettings } from '../../queue/job-schemas.js';
import { formatError } from '../output.js';
import { runIdNotice, withQueueAndStore } from './queue-flags.js';

const ENGINES = ['lwm', 'replay', 'local', 'hybrid'] as const;
type BenchEngine = (typeof ENGINES)[number];

const INFER_HELP = `
Reads AgentWorldBench rows: a directory's *_test.jsonl in sorted order (as the reference eval.py), or one JSONL
file (also what \`agentworld export --format bench\` writes). Each row's messages are built exactly as eval.py
builds them (system_str; prompt/response pairs before turn_idx; prompt[turn_idx-1] last). Each finished row is
appended to --out at once (fsynced), keyed by task:id:turn_idx; run the same command again to resume after a
crash or Ctrl-C: no finished row is sent or written twice. <out>.manifest.json pins the model, its parameters
and the data; a run that differs in any of them is refused with the difference named.
A malformed row (bad JSON, a missing field or turn_idx, an index out of range) is reported and skipped.
A row whose failure is retryable (timeouts, 5xx, 429) is retried with backoff, then written as failed; failed
retryable rows run again on resume.
Engines: lwm (an OpenAI-compatible server: vLLM, SGLang, OpenAI), replay (answers with the row's own recorded
observation: the ceiling, a check of the pipeline), local (the embedded terminal and mcp models on this CPU:
each row is rebuilt as a session turn — a minimal spec, its actions parsed back, the earlier turns stepped with
their recorded observations — and its action stepped on the model; rows of other domains, specs or commands the
model does not cover fail UNSUPPORTED, never retried; --concurrency is capped at the CPU count), hybrid
(terminal rows: the terminal twin, a virtual shell, answers what it computes exactly, the embedded terminal model
— or --local-model — the rest, rebuilt as for local; rows of other domains fail UNSUPPORTED).
Examples:
  agentworld bench infer --data AgentWorldBench/ --model-url http://127.0.0.1:8000/v1 --model Qwen/Qwen-AgentWorld-35B-A3B --out run/infer.jsonl
  agentworld bench infer --data AgentWorldBench/ --domains terminal,mcp --limit 50 --dry-run --model-url URL --model M --out run/infer.jsonl
  agentworld bench infer --data bench.jsonl --shard 0/4 --model-url URL --model M --out run/shard0.jsonl
  agentworld bench infer --data terminal-rows.jsonl --engine local --out run/local.jsonl
  agentworld bench infer --data AgentWorldBench/ --model-url URL --model M --out run/infer.jsonl --queue redis://queue-host:6379 --store postgres://aw@db-host/agentworld
With --queue, each row still to run becomes a job for \`agentworld worker\` (on any number of machines, sharing
--store); the command follows them with the same progress bar and writes --out in row order when all are done.
Ctrl-C stops waiting (the jobs go on); the same command again follows the same run. Workers read the API key from
their own AGENTWORLD_API_KEY.`;

function wholeNumber(minimum: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isInteger(parsed) || parsed < minimum)
      throw new InvalidArgumentError(`must be a whole number ≥ ${minimum}`);
    return parsed;
  };
}

function positiveNumber(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed <= 0)
    throw new InvalidArgumentError('must be a number > 0');
  return parsed;
}

function temperature(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0 || parsed > 2)
    throw new InvalidArgumentError('must be a number from 0 to 2');
  return parsed;
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/**
 * Rows the embedded models decode side by side (llama.cpp sequences on this CPU): --concurrency, at most the
 * CPU count, since a row waiting for a sequence spends its --timeout-s.
 */
function localConcurrency(concurrency: number): number {
  return Math.max(1, Math.min(concurrency, availableParallelism()));
}

export interface BenchInferFlags {
  readonly data: string[];
  readonly out: string;
  readonly engine: BenchEngine;
  readonly modelUrl?: string;
  readonly model?: string;
  /** `--local-model`: the local engine's GGUF files (default: the shipped models). */
  readonly localModel?: string[];
  readonly apiKey?: string;
  readonly concurrency: number;
  readonly timeoutS: number;
  readonly maxRetries: number;
  readonly maxTokens: number;
  /** `false` with --no-temperature. */
  readonly temperature: number | false;
  readonly topP?: number;
  readonly maxCompletionTokens?: boolean;
  readonly extraBody?: string;
  readonly domains?: string[];
  readonly limit?: number;
  readonly shard?: string;
  readonly dryRun?: boolean;
  readonly maxContextTokens?: number;
  readonly logprobs?: boolean;
  readonly progress: boolean;
  readonly json?: boolean;
  /** `--queue redis://…`: enqueue the rows as jobs for `agentworld worker` instead of running them here. */
  readonly queue?: string;
  /** `--store`: where the workers write results (with --queue). */
  readonly store?: string;
}

/** `agentworld bench infer`. */
export function registerBenchInfer(bench: Command): void {
  bench
    .command('infer')
    .description('answer AgentWorldBench rows with a world model, concurrently, resumably')
    .requiredOption(
      '--data <dir|file>',
      'a directory of {domain}_test.jsonl, or a JSONL file of rows (repeatable)',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .requiredOption('--out <file>', 'the result JSONL (rerun with the same file to resume)')
    .addOption(new Option('--engine <engine>', 'what answers').choices(ENGINES).default('lwm'))
    .option('--model-url <url>', 'OpenAI-compatible base URL (env AGENTWORLD_MODEL_URL)')
    .option('--model <name>', 'model name (env AGENTWORLD_MODEL)')
    .option('--api-key <key>', 'API key (env AGENTWORLD_API_KEY)')
    .option(
      '--local-model <file>',
      '--engine local: a GGUF model file, one per domain (repeatable; default: the shipped models/*.gguf)',
      (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
    )
    .option('--concurrency <n>', 'requests in flight (eval.py: 1)', wholeNumber(1), 64)
    .option('--timeout-s <seconds>', 'limit of one request', positiveNumber, 600)
    .option('--max-retries <n>', 'retries of a retryable failure (timeouts, 429, 5xx)', wholeNumber(0), 4)
    .option(
      '--max-tokens <n>',
      'completion token budget (reasoning included), as eval.py',
      wholeNumber(1),
      32768,
    )
    .option('--temperature <t>', 'sampling temperature, as eval.py', temperature, 0.6)
    .option('--no-temperature', 'send no temperature (reasoning models that accept only their default)')
    .option('--top-p <p>', 'nucleus sampling', positiveNumber)
    .option('--max-completion-tokens', 'send the budget as max_completion_tokens (OpenAI reasoning models)')
    .option(
      '--extra-body <json>',
      'extra request fields as JSON, e.g. \'{"chat_template_kwargs":{"enable_thinking":true}}\'',
    )
    .option('--domains <list>', 'only these domains, comma-separated (e.g. terminal,mcp)', list)
    .option('--limit <n>', 'the first N selected rows', wholeNumber(1))
    .option('--shard <i/n>', 'this shard of the selection (0 ≤ i < n), stable by row key')
    .option(
      '--dry-run',
      'print what would run (rows per domain, skipped, done, estimated tokens) and send nothing',
    )
    .option(
      '--max-context-tokens <n>',
      'fail rows whose estimated prompt is longer, without sending them',
      wholeNumber(1),
    )
    .option('--logprobs', 'ask for token log-probabilities and store the answer’s confidence')
    .option('--no-progress', 'no progress bar')
    .option('--json', 'print the summary as JSON')
    .option(
      '--queue <url>',
      'enqueue the rows as jobs on this Redis for `agentworld worker` processes, follow them, then write --out',
    )
    .option('--store <path|url>', 'with --queue: the store the workers write to (env AGENTWORLD_STORE)')
    .addHelpText('after', INFER_HELP)
    .action(async (flags: BenchInferFlags) => {
      process.exitCode = await runBenchInfer(flags);
    });
}

function packageVersion(): string {
  const text = readFileSync(new URL('../../../package.json', import.meta.url), 'utf8');
  return (JSON.parse(text) as { version: string }).version;
}

function parseExtraBody(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AgentWorldError('INVALID_REQUEST', `--extra-body is not JSON: ${String(error)}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new AgentWorldError('INVALID_REQUEST', '--extra-body must be a JSON object.');
  return value as Record<string, unknown>;
}

function engineSettingsOf(flags: BenchInferFlags): InferEngineSettings {
  switch (flags.engine) {
    case 'replay':
      return { engine: 'replay' };
    case 'hybrid':
    case 'local':
      return {
        engine: flags.engine,
        ...(flags.localModel === undefined ? {} : { modelPaths: flags.localModel }),
        timeoutMs: Math.round(flags.timeoutS * 1000),
        sequences: localConcurrency(flags.concurrency),
      };
    case 'lwm': {
      const baseUrl = flags.modelUrl ?? process.env.AGENTWORLD_MODEL_URL;
      const model = flags.model ?? process.env.AGENTWORLD_MODEL;
      if (baseUrl === undefined || baseUrl === '' || model === undefined || model === '') {
        throw new AgentWorldError(
          'INVALID_REQUEST',
          '--engine lwm needs --model-url and --model (or AGENTWORLD_MODEL_URL and AGENTWORLD_MODEL).',
        );
      }
      const extraBody = parseExtraBody(flags.extraBody);
      return {
        engine: 'lwm',
        baseUrl,
        model,
        ...(flags.temperature === false ? {} : { temperature: flags.temperature }),
        ...(flags.topP === undefined ? {} : { topP: flags.topP }),
        maxTokens: flags.maxTokens,
        tokenField: flags.maxCompletionTokens === true ? 'max_completion_tokens' : 'max_tokens',
        logprobs: flags.logprobs === true,
        ...(extraBody === undefined ? {} : { extraBody }),
        timeoutMs: Math.round(flags.timeoutS * 1000),
      };
    }
  }
}

async function answererOf(flags: BenchInferFlags): Promise<RowAnswerer> {
  const { createAnswererFromSettings } = await import('../../queue/infer-answerer.js');
  return await createAnswererFromSettings(
    engineSettingsOf(flags),
    flags.apiKey ?? process.env.AGENTWORLD_API_KEY,
  );
}

function failedDetail(summary: { overContext: number; unsupported: number }): string {
  const parts = [
    ...(summary.overContext > 0 ? [`${summary.overContext} over --max-context-tokens`] : []),
    ...(summary.unsupported > 0 ? [`${summary.unsupported} unsupported by the engine`] : []),
  ];
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}

/** `--queue`: the rows as jobs, followed until done; the failed jobs' reasons are printed. */
async function runQueued(
  flags: BenchInferFlags,
  answerer: RowAnswerer,
  select: SelectOptions,
  retry: BenchInferJob['retry'],
  signal: AbortSignal,
): Promise<InferSummary> {
  const { runQueuedInfer } = await import('../../queue/index.js');
  return await withQueueAndStore(flags.queue as string, flags.store, signal, (queue, store) =>
    runQueuedInfer({
      queue,
      store,
      data: flags.data,
      out: flags.out,
      engine: engineSettingsOf(flags),
      model: answerer.manifest,
      select,
      retry,
      maxContextTokens: flags.maxContextTokens,
      progress: flags.progress,
      agentworldVersion: packageVersion(),
      log: (line) => console.error(line),
      onRunId: (runId) => console.error(runIdNotice(runId)),
      signal,
    }),
  );
}

export async function runBenchInfer(flags: BenchInferFlags): Promise<number> {
  const controller = new AbortController();
  // Every request in flight listens to this signal.
  setMaxListeners(0, controller.signal);
  const onSignal = (): void => controller.abort(new Error('interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let answerer: RowAnswerer | undefined;
  try {
    const { runInfer } = await import('../../fidelity/infer/index.js');
    const { parseShard } = await import('../../fidelity/rows/index.js');
    answerer = await answererOf(flags);
    const { judgeFreeMetrics } = await import('../../fidelity/metrics/index.js');
    const retry = {
      maxRetries: flags.maxRetries,
      timeoutMs: Math.round(flags.timeoutS * 1000),
      retryBaseMs: 500,
      retryMaxMs: 30_000,
      retryAfterMaxMs: 60_000,
    };
    const select = {
      domains: flags.domains,
      limit: flags.limit,
      shard: flags.shard === undefined ? undefined : parseShard(flags.shard),
    };
    const queued = flags.queue !== undefined && flags.dryRun !== true;
    const summary: InferSummary = queued
      ? await runQueued(flags, answerer, select, retry, controller.signal)
      : await runInfer({
          data: flags.data,
          out: flags.out,
          answerer,
          select,
          concurrency:
            flags.engine === 'local' || flags.engine === 'hybrid'
              ? localConcurrency(flags.concurrency)
              : flags.concurrency,
          retry,
          maxContextTokens: flags.maxContextTokens,
          dryRun: flags.dryRun === true,
          progress: flags.progress,
          agentworldVersion: packageVersion(),
          metrics: judgeFreeMetrics,
          log: (line) => console.error(line),
          signal: controller.signal,
        });
    if (flags.json === true) console.log(JSON.stringify({ ...summary, rejected: summary.rejected }));
    else {
      const domains = Object.entries(summary.perDomain)
        .map(([domain, count]) => `${domain} ${count}`)
        .join(', ');
      if (summary.dryRun) {
        console.log(
          `dry run: ${summary.selected} rows selected (${domains || 'none'}); skipped ${summary.skipped} malformed; already done ${summary.resumed}; would send ${summary.toRun}${summary.overContext > 0 ? `, ${summary.overContext} over --max-context-tokens` : ''}; ~${summary.estimatedPromptTokens} prompt tokens (estimated)`,
        );
      } else {
        console.log(
          `bench infer: done ${summary.done}, failed ${summary.failed}${failedDetail(summary)}, skipped ${summary.skipped}, resumed ${summary.resumed} of ${summary.selected} selected (${domains || 'none'}) in ${(summary.wallMs / 1000).toFixed(1)} s → ${summary.out}`,
        );
      }
    }
    if (controller.signal.aborted) return 130;
    // Jobs of a queued run that failed for good (their reasons were printed) make the exit status 1.
    const failedJobs = (summary as { failedJobs?: readonly unknown[] }).failedJobs ?? [];
    return failedJobs.length > 0 ? 1 : 0;
  } catch (error) {
    console.error(formatError(toAgentWorldError(error), process.stderr));
    return controller.signal.aborted ? 130 : 1;
  } finally {
    await answerer?.close?.();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
