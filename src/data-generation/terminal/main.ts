#!/usr/bin/env node
/**
 * `datagen`: generates real terminal sessions for training AgentWorld's embedded terminal world model.
 *
 *   node --import tsx src/data-generation/terminal/main.ts --out data/train --count 10000 --workers 8
 *
 * The same script is also the worker entry: started with AGENTWORLD_DATAGEN_WORKER=1 over IPC, it serves one
 * shard task instead of parsing arguments.
 */
import { availableParallelism } from 'node:os';
import { Command, Option } from 'commander';
import { toAgentWorldError } from '../../core/errors.js';
import { requireBwrap } from '../../engines/real/sandbox/find-bwrap.js';
import { integer, positiveNumber } from '../cli-arguments.js';
import { type FamilyEmphasis, GRAMMAR_MODES, type GrammarMode, parseFamilyEmphasis } from './grammar.js';
import { progressLine } from './progress-line.js';
import { runGeneration } from './run-generation.js';
import { isWorkerProcess, serveWorkerTask } from './worker-process.js';

interface CliOptions {
  readonly out: string;
  readonly count?: number;
  readonly durationSeconds?: number;
  readonly seed: number;
  readonly firstIndex: number;
  readonly workers: number;
  readonly concurrency: number;
  readonly grammar: GrammarMode;
  readonly emphasis?: string;
  readonly bwrap?: string;
  readonly minTurns: number;
  readonly maxTurns: number;
  readonly maxSessionBytes: number;
  readonly maxObservationBytes: number;
  readonly commandTimeoutMs: number;
  readonly progressSeconds: number;
  readonly quiet?: boolean;
}

export function buildProgram(): Command {
  return new Command('datagen')
    .description(
      'Generate real bash sessions (sandboxed with bubblewrap) as AgentWorld session records, one JSON line per ' +
        'session, sharded as OUT/shard-<k>.jsonl, with OUT/summary.json at the end.',
    )
    .requiredOption('--out <dir>', 'output directory')
    .option('--count <n>', 'number of sessions', integer(1))
    .option('--duration-seconds <s>', 'stop starting new sessions after this many seconds', positiveNumber)
    .option(
      '--seed <n>',
      'seed: session i of seed s is a pure function of (s, i)',
      integer(0, 2 ** 31 - 1),
      0,
    )
    .option('--first-index <n>', 'index of the first session', integer(0), 0)
    .option(
      '--workers <n>',
      'worker processes (0: generate in this process)',
      integer(0, 1024),
      availableParallelism(),
    )
    .option('--concurrency <n>', 'sessions each worker runs at once', integer(1, 256), 4)
    .addOption(
      new Option('--grammar <mode>', 'training grammar, or it plus the held-out extension families')
        .choices(GRAMMAR_MODES)
        .default('training'),
    )
    .option(
      '--emphasis <list>',
      'draw some families more often in this stream, e.g. wc=3,ls=2 (for training; keep held-out sets without it)',
    )
    .option('--bwrap <path>', 'bubblewrap executable (default: bwrap on PATH)')
    .option('--min-turns <n>', 'drop sessions with fewer turns', integer(1, 1000), 4)
    .option('--max-turns <n>', 'longest session drawn', integer(1, 1000), 24)
    .option(
      '--max-session-bytes <n>',
      'bound on command and observation bytes per session',
      integer(100),
      1900,
    )
    .option(
      '--max-observation-bytes <n>',
      'a longer observation ends the session before it',
      integer(50),
      800,
    )
    .option('--command-timeout-ms <n>', 'a command running longer drops its session', integer(100), 5000)
    .option('--progress-seconds <s>', 'seconds between progress lines on stderr', positiveNumber, 5)
    .option('--quiet', 'no progress lines');
}

async function main(argv: readonly string[]): Promise<void> {
  const program = buildProgram();
  program.parse([...argv]);
  const options = program.opts<CliOptions>();
  if (options.count === undefined && options.durationSeconds === undefined) {
    program.error('error: give --count, --duration-seconds, or both');
  }
  if (options.minTurns > options.maxTurns) program.error('error: --min-turns is above --max-turns');
  let emphasis: FamilyEmphasis | undefined;
  try {
    emphasis =
      options.emphasis === undefined ? undefined : parseFamilyEmphasis(options.emphasis, options.grammar);
  } catch (error) {
    program.error(`error: --emphasis: ${(error as Error).message}`);
  }
  const bwrapPath = requireBwrap(options.bwrap);
  const controller = new AbortController();
  const stop = (): void => controller.abort(new Error('interrupted'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let lastLine = 0;
  const result = await runGeneration(
    {
      outDirectory: options.out,
      count: options.count,
      durationSeconds: options.durationSeconds,
      firstIndex: options.firstIndex,
      workers: options.workers,
      concurrency: options.concurrency,
      session: {
        seed: options.seed,
        grammar: options.grammar,
        ...(emphasis === undefined ? {} : { emphasis }),
        bwrapPath,
        minTurns: options.minTurns,
        maxTurns: options.maxTurns,
        maxSessionBytes: options.maxSessionBytes,
        maxObservationBytes: options.maxObservationBytes,
        commandTimeoutMs: options.commandTimeoutMs,
      },
      workerEntry: { script: process.argv[1] ?? '', execArgv: process.execArgv },
      onProgress: ({ summary, elapsedSeconds }) => {
        if (options.quiet === true || elapsedSeconds - lastLine < options.progressSeconds) return;
        lastLine = elapsedSeconds;
        process.stderr.write(`${progressLine(summary, elapsedSeconds)}\n`);
      },
    },
    { signal: controller.signal },
  );
  if (options.quiet !== true) {
    process.stderr.write(`${progressLine(result.summary, result.elapsedSeconds, true)}\n`);
  }
}

if (isWorkerProcess()) {
  serveWorkerTask();
} else {
  main(process.argv).catch((error: unknown) => {
    const failure = toAgentWorldError(error);
    process.stderr.write(`datagen: ${failure.code}: ${failure.message}\n`);
    process.exitCode = 1;
  });
}
