/**
 * bench:calibrate — calibrates the terminal model's low-confidence threshold (`minTokenProbability`, see
 * src/engines/local/confidence.ts) on held-out sessions that are NOT the evaluation sessions, and measures the
 * chosen threshold on evaluation sets. Prints, for every set: the generated turns, how many were wrong, the AUROC
 * of the confidence score (the chance a wrong turn scores below a right one), and the share of wrong and of right
 * turns flagged at the chosen threshold and at the shipped default. Re-run it on a retrained model file and put
 * the printed threshold in src/engines/local/options.ts (TERMINAL_MIN_TOKEN_PROBABILITY).
 *
 *   npm run datagen -- --out /tmp/calibration --count 60 --seed 7003
 *   npm run datagen -- --out /tmp/calibration-ext --count 30 --seed 7004 --grammar extension
 *   npm run datagen -- --out /tmp/heldout --count 40 --seed 7001
 *   npm run bench:calibrate -- --calibration /tmp/calibration /tmp/calibration-ext \
 *     --evaluation /tmp/heldout --corpus corpus/real/terminal.jsonl.gz --out /tmp/calibration.json
 *
 * The sets can also be scored by separate runs (one process per core) and reported together: every run's --out
 * file keeps each set's scores, and `--from FILE...` reports from them without loading the model (the set named
 * `calibration` picks the threshold):
 *
 *   npm run bench:calibrate -- --calibration /tmp/calibration /tmp/calibration-ext --out /tmp/calibration-a.json &
 *   npm run bench:calibrate -- --evaluation /tmp/heldout --corpus corpus/real/terminal.jsonl.gz \
 *     --out /tmp/calibration-b.json; wait
 *   npm run bench:calibrate -- --from /tmp/calibration-a.json /tmp/calibration-b.json
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import {
  auroc,
  chooseThreshold,
  type FlagRates,
  flagRates,
  type ScoredTurn,
} from '../../src/engines/local/confidence-calibration.js';
import { createLocalEngine } from '../../src/engines/local/index.js';
import { TERMINAL_MIN_TOKEN_PROBABILITY } from '../../src/engines/local/options.js';
import { scoreTurns } from './confidence-turns.js';
import { round } from './measures.js';
import { loadSessions } from './session-files.js';

interface Options {
  readonly model: string;
  readonly calibration: string[];
  readonly evaluation: string[];
  readonly corpus: string[];
  readonly from: string[];
  readonly sessions: string;
  readonly maxFlaggedRight: string;
  readonly out?: string;
}

/** One scored set, as kept in the --out file: `[minProbability, right (1) or wrong (0)]` per generated turn. */
interface SavedSet {
  readonly name: string;
  readonly model: string;
  readonly notGenerated: number;
  readonly scores: [number, number][];
}

function parseOptions(): Options {
  return new Command()
    .name('bench:calibrate')
    .description(
      'Calibrate the embedded terminal model’s low-confidence threshold on held-out sessions (CPU).',
    )
    .option('--model <file>', 'GGUF terminal model file', 'models/agentworld-terminal.gguf')
    .option('--calibration <paths...>', 'calibration sessions (JSONL files or shard folders)', [])
    .option(
      '--evaluation <paths...>',
      'evaluation sessions of the generator (a seed other than calibration)',
      [],
    )
    .option(
      '--corpus <paths...>',
      'evaluation sessions of another generator (corpus/real/terminal.jsonl.gz)',
      [],
    )
    .option('--from <files...>', "report from the scores kept in earlier runs' --out files", [])
    .option('--sessions <n>', 'most sessions read from each set', '1000')
    .option('--max-flagged-right <rate>', 'share of right calibration turns the threshold may flag', '0.05')
    .option('--out <file>', 'write the scores and results as JSON')
    .parse()
    .opts<Options>();
}

const percent = (value: number): string => (Number.isNaN(value) ? '-' : `${(value * 100).toFixed(1)} %`);

function describe(rates: FlagRates): string {
  return `< ${rates.threshold}: flags ${percent(rates.flaggedWrong)} of wrong, ${percent(rates.flaggedRight)} of right (accuracy flagged ${percent(rates.flaggedAccuracy)}, unflagged ${percent(rates.unflaggedAccuracy)})`;
}

/** Scores the sets named in the options with the model (minTokenProbability 1: every turn reports its score). */
async function scoreSets(options: Options): Promise<SavedSet[]> {
  const engine = await createLocalEngine({ modelPath: options.model, minTokenProbability: 1 });
  const sets: SavedSet[] = [];
  try {
    const named = [
      ['calibration', options.calibration],
      ['evaluation (generator)', options.evaluation],
      ['evaluation (real corpus)', options.corpus],
    ] as const;
    for (const [name, paths] of named) {
      if (paths.length === 0) continue;
      const sessions = loadSessions(paths, Number(options.sessions));
      process.stderr.write(`${name}: ${sessions.length} sessions\n`);
      const { turns, notGenerated } = await scoreTurns(engine, sessions);
      const scores = turns.map((turn): [number, number] => [turn.minProbability, turn.right ? 1 : 0]);
      sets.push({ name, model: engine.model, notGenerated, scores });
    }
  } finally {
    await engine.close();
  }
  return sets;
}

function report(set: SavedSet, thresholds: readonly number[]): Record<string, unknown> {
  const turns: ScoredTurn[] = set.scores.map(([minProbability, right]) => ({
    minProbability,
    right: right === 1,
  }));
  const wrong = turns.filter((turn) => !turn.right).length;
  const area = auroc(turns);
  process.stdout.write(
    `\n${set.name} (${set.model}): ${turns.length} generated turns (${set.notGenerated} not generated: outside the grammar, keys, waits), ${wrong} wrong (accuracy ${percent(1 - wrong / turns.length)}), AUROC ${Number.isNaN(area) ? '-' : area.toFixed(3)}\n`,
  );
  const rates = thresholds.map((threshold) => flagRates(turns, threshold));
  for (const rate of rates) process.stdout.write(`  ${describe(rate)}\n`);
  return { turns: turns.length, notGenerated: set.notGenerated, wrong, auroc: round(area), rates };
}

async function main(): Promise<void> {
  const options = parseOptions();
  let sets: SavedSet[];
  if (options.from.length > 0) {
    sets = options.from.flatMap(
      (file) => (JSON.parse(readFileSync(file, 'utf8')) as { sets: SavedSet[] }).sets,
    );
  } else {
    if (!existsSync(options.model)) {
      process.stderr.write(`No model file at ${options.model}: pass --model.\n`);
      process.exitCode = 2;
      return;
    }
    sets = await scoreSets(options);
  }
  const calibration = sets.find((set) => set.name === 'calibration');
  const maxRight = Number(options.maxFlaggedRight);
  const chosen =
    calibration === undefined
      ? undefined
      : chooseThreshold(
          calibration.scores.map(([minProbability, right]) => ({ minProbability, right: right === 1 })),
          maxRight,
        );
  const thresholds = [
    ...new Set([...(chosen === undefined ? [] : [chosen]), TERMINAL_MIN_TOKEN_PROBABILITY]),
  ];
  process.stdout.write(
    `${chosen === undefined ? 'no calibration set' : `chosen threshold ${chosen} (the highest flagging at most ${percent(maxRight)} of right calibration turns)`}; shipped default ${TERMINAL_MIN_TOKEN_PROBABILITY}\n`,
  );
  const results: Record<string, unknown> = {
    chosenThreshold: chosen,
    shippedDefault: TERMINAL_MIN_TOKEN_PROBABILITY,
  };
  for (const set of sets) results[set.name] = report(set, thresholds);
  if (options.out !== undefined)
    writeFileSync(options.out, `${JSON.stringify({ ...results, sets }, null, 1)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
