#!/usr/bin/env node
/**
 * `datagen:mcp`: generates real sessions against @modelcontextprotocol/server-memory as AgentWorld session
 * records, for training an embedded mcp world model.
 *
 *   node --import tsx src/data-generation/mcp/main.ts --out data/mcp --count 1000 --seed 1
 */
import { availableParallelism } from 'node:os';
import { Command, Option } from 'commander';
import { toAgentWorldError } from '../../core/errors.js';
import { integer, positiveNumber } from '../cli-arguments.js';
import { GRAMMAR_MODES, type GrammarMode } from '../grammar-mode.js';
import { progressLine } from '../terminal/progress-line.js';
import { runMcpGeneration } from './run-generation.js';

interface CliOptions {
  readonly out: string;
  readonly count?: number;
  readonly durationSeconds?: number;
  readonly seed: number;
  readonly grammar: GrammarMode;
  readonly firstIndex: number;
  readonly workers: number;
  readonly minTurns: number;
  readonly maxTurns: number;
  readonly maxSessionBytes: number;
  readonly maxObservationBytes: number;
  readonly callTimeoutMs: number;
  readonly progressSeconds: number;
  readonly quiet?: boolean;
}

export function buildMcpProgram(): Command {
  return new Command('datagen:mcp')
    .description(
      'Generate real sessions against the MCP server @modelcontextprotocol/server-memory as AgentWorld session ' +
        'records, one JSON line per session, sharded as OUT/shard-<k>.jsonl, with OUT/summary.json at the end.',
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
    .addOption(
      new Option(
        '--grammar <mode>',
        'training grammar, or it plus the held-out extension families (for evaluation sets only)',
      )
        .choices(GRAMMAR_MODES)
        .default('training'),
    )
    .option(
      '--workers <n>',
      'sessions generated at once, each with its own server process (one shard each)',
      integer(1, 256),
      availableParallelism(),
    )
    .option('--min-turns <n>', 'drop sessions with fewer turns', integer(1, 100), 3)
    .option('--max-turns <n>', 'longest session drawn', integer(1, 100), 14)
    .option(
      '--max-session-bytes <n>',
      'bound on action and observation bytes per session',
      integer(200),
      6000,
    )
    .option(
      '--max-observation-bytes <n>',
      'a longer observation ends the session before it',
      integer(100),
      1500,
    )
    .option('--call-timeout-ms <n>', 'a tool call running longer drops its session', integer(100), 10_000)
    .option('--progress-seconds <s>', 'seconds between progress lines on stderr', positiveNumber, 5)
    .option('--quiet', 'no progress or summary lines on stderr');
}

const PROGRESS_WORDING = { program: 'datagen:mcp', actions: 'calls' };

async function main(argv: readonly string[]): Promise<void> {
  const program = buildMcpProgram();
  program.parse([...argv]);
  const options = program.opts<CliOptions>();
  if (options.count === undefined && options.durationSeconds === undefined) {
    program.error('error: give --count, --duration-seconds, or both');
  }
  if (options.minTurns > options.maxTurns) program.error('error: --min-turns is above --max-turns');
  const controller = new AbortController();
  const stop = (): void => controller.abort(new Error('interrupted'));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const started = Date.now();
  let lastLine = 0;
  const result = await runMcpGeneration(
    {
      outDirectory: options.out,
      count: options.count,
      durationSeconds: options.durationSeconds,
      firstIndex: options.firstIndex,
      workers: options.workers,
      session: {
        seed: options.seed,
        grammar: options.grammar,
        minTurns: options.minTurns,
        maxTurns: options.maxTurns,
        maxSessionBytes: options.maxSessionBytes,
        maxObservationBytes: options.maxObservationBytes,
        callTimeoutMs: options.callTimeoutMs,
      },
      onProgress: (summary) => {
        const elapsedSeconds = (Date.now() - started) / 1000;
        if (options.quiet === true || elapsedSeconds - lastLine < options.progressSeconds) return;
        lastLine = elapsedSeconds;
        process.stderr.write(`${progressLine(summary, elapsedSeconds, false, PROGRESS_WORDING)}\n`);
      },
    },
    { signal: controller.signal },
  );
  if (options.quiet !== true) {
    const { summary, elapsedSeconds } = result;
    const dropped = Object.values(summary.dropped).reduce((sum, count) => sum + count, 0);
    process.stderr.write(
      `datagen:mcp: ${summary.sessions} sessions, ${summary.turns} turns, ${dropped} dropped, ` +
        `${summary.rejected.agreed + summary.rejected.differed} refused calls ` +
        `(${summary.rejected.differed} texts differ from the domain's) in ${elapsedSeconds.toFixed(1)} s ` +
        `(${(elapsedSeconds > 0 ? summary.sessions / elapsedSeconds : 0).toFixed(1)} sessions/s)\n`,
    );
  }
}

main(process.argv).catch((error: unknown) => {
  const failure = toAgentWorldError(error);
  process.stderr.write(`datagen:mcp: ${failure.code}: ${failure.message}\n`);
  process.exitCode = 1;
});
