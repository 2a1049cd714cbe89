import { stat } from 'node:fs/promises';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { toAgentWorldError } from '../../core/errors.js';
import { PROVENANCE_SOURCES, type ProvenanceSource } from '../../core/turn.js';
import {
  EXPORT_DIALECTS,
  EXPORT_FORMATS,
  type ExportDialect,
  type ExportFormat,
  TURN_SELECTIONS,
  type TurnSelection,
} from '../../export/schemas.js';
import { formatError } from '../output.js';

export interface ExportFlags {
  readonly format: ExportFormat;
  readonly dialect?: ExportDialect | undefined;
  readonly turns?: TurnSelection | undefined;
  readonly provenance?: ProvenanceSource[] | undefined;
  readonly subsample?: number | undefined;
  readonly seed?: number | undefined;
  readonly out: string;
}

const EXPORT_HELP = `
Formats:
  bench        AgentWorldBench rows (task, id, prompt, response, current_prompt, system_str, turn_idx,
               total_turns), one per exported turn; --turns sampled (default) keeps the first, the last and
               three evenly spaced middle turns.
  world-model  turn expansion: one chat per turn k (history up to k, then turn k's observation as the target).
  agent-sft    one chat per session from the agent's side, through its harness's own prompt: actions as
               assistant turns, observations as the agent's harness shows them as user turns.
--subsample FRACTION (bench, world-model) keeps that share of the exported turns, drawn per turn from --seed,
the session id and the turn index (the paper subsamples 50 %).
Turns the embedded model could only label as unsupported (event local.unsupported) are never exported.
A damaged input line stops the export with its file:line; the output is written to a temporary file and
renamed into place only when every input was read, so it is never left half-written.
Examples:
  agentworld export --format bench --out bench/terminal_test.jsonl sessions.jsonl
  agentworld export --format world-model --dialect messages --out wm.jsonl a.jsonl b.jsonl
  agentworld export --format bench --subsample 0.5 --seed 0 --out bench.jsonl corpus/real/*.jsonl.gz`;

function fraction(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !(number >= 0 && number <= 1)) {
    throw new InvalidArgumentError('a fraction from 0 to 1, e.g. 0.5');
  }
  return number;
}

function integer(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(number)) throw new InvalidArgumentError('an integer');
  return number;
}

function provenanceList(value: string): ProvenanceSource[] {
  const sources = value.split(',').map((part) => part.trim());
  for (const source of sources) {
    if (!(PROVENANCE_SOURCES as readonly string[]).includes(source)) {
      throw new InvalidArgumentError(
        `unknown source "${source}"; choose from ${PROVENANCE_SOURCES.join(', ')}`,
      );
    }
  }
  return sources as ProvenanceSource[];
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('turn recorded sessions (JSONL) into AgentWorldBench rows or training data')
    .addOption(
      new Option('--format <format>', 'what to write').choices([...EXPORT_FORMATS]).makeOptionMandatory(),
    )
    .addOption(
      new Option(
        '--dialect <dialect>',
        'chat layout for world-model and agent-sft: sharegpt (LLaMA-Factory) or messages (ms-swift)',
      )
        .choices([...EXPORT_DIALECTS])
        .default('sharegpt'),
    )
    .addOption(
      new Option(
        '--turns <turns>',
        'which turns: sampled (bench default) or all (world-model default)',
      ).choices([...TURN_SELECTIONS]),
    )
    .option(
      '--provenance <sources>',
      `only turns whose observation came from these sources, comma-separated (${PROVENANCE_SOURCES.join(', ')}; default all)`,
      provenanceList,
    )
    .option(
      '--subsample <fraction>',
      'bench and world-model: keep this fraction (0..1) of the exported turns, drawn per turn',
      fraction,
    )
    .option('--seed <n>', 'seed of --subsample (default 0)', integer)
    .requiredOption('--out <file>', 'the JSONL file to write (replaced atomically)')
    .argument('<inputs...>', 'session files (JSONL, or gzipped .jsonl.gz)')
    .addHelpText('after', EXPORT_HELP)
    .action(async (inputs: string[], flags: ExportFlags) => {
      process.exitCode = await runExport(inputs, flags);
    });
}

/** A progress bar over the input bytes, on a terminal only. */
async function progressBar(
  inputs: readonly string[],
): Promise<{ update(bytes: number): void; stop(): void }> {
  if (process.stderr.isTTY !== true) return { update: () => undefined, stop: () => undefined };
  const sizes = await Promise.all(
    inputs.map((input) =>
      stat(input).then(
        (info) => info.size,
        () => 0,
      ),
    ),
  );
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const { Presets, SingleBar } = await import('cli-progress');
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: 'export [{bar}] {percentage}% | {value}/{total} bytes',
      clearOnComplete: true,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (bytes) => bar.update(Math.min(bytes, total)), stop: () => bar.stop() };
}

export async function runExport(inputs: readonly string[], flags: ExportFlags): Promise<number> {
  const progress = await progressBar(inputs);
  try {
    const { exportSessions } = await import('../../export/run-export.js');
    const summary = await exportSessions({
      format: flags.format,
      dialect: flags.dialect,
      turns: flags.turns,
      provenance: flags.provenance,
      subsample: flags.subsample,
      seed: flags.seed,
      out: flags.out,
      inputs,
      onProgress: (bytes) => progress.update(bytes),
    });
    progress.stop();
    process.stderr.write(`exported ${summary.rows} rows from ${summary.sessions} sessions to ${flags.out}\n`);
    return 0;
  } catch (error) {
    progress.stop();
    process.stderr.write(`${formatError(toAgentWorldError(error), process.stderr)}\n`);
    return 1;
  }
}
