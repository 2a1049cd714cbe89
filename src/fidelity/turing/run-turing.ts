/**
 * `agentworld bench turing`: for every answered row of a predictions file, the judge sees the history, the
 * agent's action and two responses, the real observation and the world model's prediction, in an order drawn
 * from the seed and the row's key (recorded per row), and names the real one. Each verdict is appended at once
 * to the result file; a rerun with the same file skips every row already decided and reruns rows whose judge was
 * unreachable.
 */
import { setMaxListeners } from 'node:events';
import { readFileSync } from 'node:fs';
import pLimit from 'p-limit';
import type { CallOptions } from '../../core/abort.js';
import { throwIfAborted } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';
import { seededUniform } from '../../core/seeded-random.js';
import { ResultLog, type ResultLogFormat } from '../run/index.js';
import { INFER_LINE_FORMAT, type InferLine, type JudgedLine } from '../schemas.js';
import { readScoreInput } from '../score/read-input.js';
import {
  askJudge,
  createTuringJudgeClient,
  type TuringJudgeSettings,
  turingJudgeParameters,
} from './ask-judge.js';
import type { Choice } from './choice.js';
import { pinTuringManifest } from './manifest.js';
import { turingMessages, turingPair, turingPromptHashes } from './prompt.js';
import {
  TURING_LINE_FORMAT,
  TURING_MANIFEST_FORMAT,
  type TuringLine,
  TuringLineSchema,
  type TuringManifest,
  type TuringReport,
} from './schemas.js';
import { summarizeTuring } from './summarize.js';

export const TURING_LOG_FORMAT: ResultLogFormat<TuringLine> = {
  schema: TuringLineSchema,
  key: (line) => line.key,
  noun: 'turing line',
};

export type TuringEvent =
  | { readonly type: 'start'; readonly total: number; readonly done: number }
  | { readonly type: 'row'; readonly line: TuringLine; readonly done: number; readonly total: number };

export interface TuringRunOptions extends CallOptions {
  /** An infer or judged file (`bench infer` / `bench judge` output). */
  readonly predictions: string;
  /** The result file (JSONL, appended; its manifest is `<out>.manifest.json`). */
  readonly out: string;
  readonly judge: TuringJudgeSettings;
  /** Seed of the A/B order (default 0). */
  readonly seed?: number | undefined;
  /** Judge requests in flight (default 8). */
  readonly concurrency?: number | undefined;
  /** Only the first N selected rows. */
  readonly limit?: number | undefined;
  /** Only these domains. */
  readonly domains?: readonly string[] | undefined;
  readonly onEvent?: ((event: TuringEvent) => void) | undefined;
  /** Milliseconds clock for latencies (default performance.now). */
  readonly now?: (() => number) | undefined;
  /** Wall clock for `finishedAt` and the manifest (default the system clock). */
  readonly clock?: (() => Date) | undefined;
}

export interface TuringRunResult {
  readonly report: TuringReport;
  readonly manifest: TuringManifest;
  /** Rows selected (after --domains and --limit). */
  readonly selected: number;
  /** Rows decided in an earlier run and kept. */
  readonly resumed: number;
  /** Rows asked in this run. */
  readonly ran: number;
  /** Selected rows without a prediction (their generation failed): never shown to the judge. */
  readonly withoutPrediction: number;
  /** Lines of the predictions file that were skipped, and other warnings. */
  readonly warnings: string[];
}

/** The position the prediction is shown in: drawn from the seed and the row's key, so any rerun agrees. */
export function simulatedPosition(seed: number, key: string): Choice {
  return seededUniform(seed, 'turing', key) < 0.5 ? 'A' : 'B';
}

function packageVersion(): string {
  try {
    const text = readFileSync(new URL('../../../package.json', import.meta.url), 'utf8');
    return (JSON.parse(text) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

function hasPrediction(line: InferLine | JudgedLine): boolean {
  if (line.error !== undefined || line.prediction.trim() === '') return false;
  if (!line.failed) return true;
  // A judged line can be failed by its judge alone: its generation is still there.
  return line.format !== INFER_LINE_FORMAT && 'judgeError' in line && line.judgeError !== undefined;
}

/** A row decided in an earlier run (a row whose judge could not be reached is asked again). */
function isSettled(line: TuringLine | undefined): boolean {
  if (line === undefined) return false;
  return !line.failed || line.error?.code === 'MODEL_OUTPUT_INVALID';
}

export async function runTuring(options: TuringRunOptions): Promise<TuringRunResult> {
  const seed = options.seed ?? 0;
  const now = options.now ?? (() => performance.now());
  const clock = options.clock ?? (() => new Date());
  const file = await readScoreInput([options.predictions], options);
  const warnings = [...file.warnings];
  const wanted = options.domains === undefined ? undefined : new Set(options.domains);
  let rows = file.lines.filter((line) => wanted === undefined || wanted.has(line.task));
  if (options.limit !== undefined) rows = rows.slice(0, options.limit);
  const answerable = rows.filter(hasPrediction);

  const model = file.manifests[0]?.model.name;
  const client = createTuringJudgeClient(options.judge);
  const proposed: TuringManifest = {
    format: TURING_MANIFEST_FORMAT,
    version: 1,
    agentworldVersion: packageVersion(),
    createdAt: clock().toISOString(),
    predictions: options.predictions,
    seed,
    judge: {
      name: client.manifest.name,
      baseUrl: client.manifest.baseUrl,
      parameters: turingJudgeParameters(client, options.judge),
      promptHashes: turingPromptHashes(),
      promptSource: 'builtin',
    },
    ...(model === undefined ? {} : { model }),
  };

  const log = await ResultLog.open(options.out, TURING_LOG_FORMAT, options);
  warnings.push(...log.warnings);
  let ran = 0;
  let resumed = 0;
  let manifest: TuringManifest;
  try {
    manifest = await pinTuringManifest(options.out, proposed, log.committed.size > 0);
    const pending = answerable.filter((row) => !isSettled(log.get(row.key)));
    resumed = answerable.length - pending.length;
    let done = resumed;
    options.onEvent?.({ type: 'start', total: answerable.length, done });
    const limit = pLimit(Math.max(1, options.concurrency ?? 8));
    const controller = new AbortController();
    const signal =
      options.signal === undefined ? controller.signal : AbortSignal.any([options.signal, controller.signal]);
    // Every request in flight listens to this one signal.
    setMaxListeners(0, signal);
    let firstError: { readonly error: unknown } | undefined;
    await Promise.all(
      pending.map((row) =>
        limit(async () => {
          throwIfAborted(signal);
          const pair = turingPair(row, row.prediction);
          const shownAs = simulatedPosition(seed, row.key);
          const started = now();
          const verdict = await askJudge(client, options.judge, turingMessages(row, pair, shownAs), {
            signal,
          });
          const line: TuringLine = {
            format: TURING_LINE_FORMAT,
            version: 1,
            key: row.key,
            task: row.task,
            id: row.id,
            turn_idx: row.turn_idx,
            total_turns: row.total_turns,
            simulatedShownAs: shownAs,
            identical: pair.real === pair.simulated,
            failed: !verdict.ok,
            ...(verdict.ok ? { choice: verdict.choice, fooled: verdict.choice === shownAs } : {}),
            raw: verdict.raw,
            ...(verdict.ok
              ? {}
              : {
                  error: {
                    code: verdict.error.code,
                    message: verdict.error.message,
                    retryable: verdict.error.retryable,
                  },
                }),
            attempts: verdict.attempts,
            latencyMs: Math.max(0, now() - started),
            finishedAt: clock().toISOString(),
          };
          await log.append(line);
          ran += 1;
          done += 1;
          options.onEvent?.({ type: 'row', line, done, total: answerable.length });
        }).catch((error: unknown) => {
          // The first failure (an abort, a write error) stops the rows still waiting, and is the one reported.
          firstError ??= { error };
          controller.abort(error);
        }),
      ),
    );
    if (firstError !== undefined) throw firstError.error;
  } finally {
    await log.close();
  }
  warnings.push(...client.notices());
  const keys = new Set(answerable.map((row) => row.key));
  const lines = [...log.committed.values()].filter((line) => keys.has(line.key));
  if (lines.length !== answerable.length) {
    throw new AgentWorldError(
      'INTERNAL',
      `Turing run ended with ${lines.length} of ${answerable.length} rows decided.`,
    );
  }
  return {
    report: summarizeTuring(lines, { judge: options.judge.model, model: manifest.model }),
    manifest,
    selected: rows.length,
    resumed,
    ran,
    withoutPrediction: rows.length - answerable.length,
    warnings,
  };
}
