import { type Command, InvalidArgumentError } from 'commander';
import { toAgentWorldError } from '../../core/errors.js';
import { formatError } from '../output.js';
import { wholeNumber } from './rollout-options.js';

const SCORE_HELP = `
Scores judged files (bench judge) as the reference eval.py score does (spec §2.4): a row is valid when it did
not fail; per domain and dimension the mean over valid rows of the values ≠ 0, normalised (x − 1) / 4 × 100.
Failed rows (no generation, judge failure) are excluded and counted. Both Overall figures are printed: macro
(the mean of the domains: the published table's Overall) and micro (every valid row weighted equally: what
eval.py score prints). A column with no value prints — where the reference prints −25.00.
Confidence intervals: --bootstrap resamples of whole trajectories within each domain (seeded), 95 %.
Scores by turn position: first (turn_idx 1), middle, last (turn_idx = total_turns).
Judge-free columns (exact share, edit similarity, check pass rate, structural match, state-change accuracy
where the state changed and where it did not) come from each line's metrics; an infer file (not judged)
gets those columns only. Several files (shards) are scored together when their manifests agree.
Examples:
  agentworld bench score run/judged.jsonl
  agentworld bench score run/judged-*.jsonl --json > run/score.json
  agentworld bench score run/infer.jsonl`;

export interface BenchScoreFlags {
  readonly json?: boolean;
  readonly bootstrap: number;
  readonly seed: number;
  readonly confidence: number;
}

function confidence(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !(parsed > 0 && parsed < 1))
    throw new InvalidArgumentError('must be a number between 0 and 1, e.g. 0.95');
  return parsed;
}

/** `agentworld bench score FILE…`. */
export function registerBenchScore(bench: Command): void {
  bench
    .command('score')
    .description(
      'per-domain and per-dimension scores, macro and micro Overall, intervals, judge-free columns',
    )
    .argument('<files...>', 'judged (or infer) JSONL files')
    .option('--json', 'print the score report as JSON')
    .option('--bootstrap <n>', 'bootstrap resamples for the intervals (0: none)', wholeNumber(0), 1000)
    .option('--seed <n>', 'seed of the bootstrap', wholeNumber(0), 0)
    .option('--confidence <level>', 'interval level', confidence, 0.95)
    .addHelpText('after', SCORE_HELP)
    .action(async (files: string[], flags: BenchScoreFlags) => {
      process.exitCode = await runBenchScore(files, flags);
    });
}

export async function runBenchScore(files: readonly string[], flags: BenchScoreFlags): Promise<number> {
  try {
    const score = await import('../../fidelity/score/index.js');
    const input = await score.readScoreInput(files);
    for (const warning of input.warnings) console.error(`warning: ${warning}`);
    const report = score.buildScoreReport(input, {
      bootstrap:
        flags.bootstrap === 0
          ? null
          : { resamples: flags.bootstrap, seed: flags.seed, confidence: flags.confidence },
    });
    console.log(flags.json === true ? JSON.stringify(report, null, 2) : score.formatScoreReport(report));
    return 0;
  } catch (error) {
    console.error(formatError(toAgentWorldError(error), process.stderr));
    return 1;
  }
}
