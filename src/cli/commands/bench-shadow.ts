import { type Command, InvalidArgumentError, Option } from 'commander';
import { AgentWorldError, toAgentWorldError } from '../../core/errors.js';
import { CORRECTNESS_LABELS, type CorrectnessLabel } from '../../fidelity/metrics/confidence.js';
import {
  buildFidelityReport,
  formatFidelityReport,
  readFidelityInputs,
} from '../../fidelity/shadow/index.js';
import { formatError } from '../output.js';

const SHADOW_HELP = `
Judge-free fidelity of an engine on real runs recorded here. SESSIONS are session JSONL files (.gz too) written by
\`agentworld shadow\` (each turn carries the shadow engine's observation beside the real one); --infer adds
\`bench infer\` output files (for example rows exported from real sessions with \`agentworld export --format
bench\`, answered by any engine). Every prediction is scored against the real observation: exact share, edit
similarity, the domain's checks, a structural match (lines, JSON, tree nodes, search results) and state-change
accuracy (the domain ledger after the prediction vs after the real observation), split into turns where the
real state changed and turns where it did not. Per domain, overall and (shadow sessions) per command family.
When infer lines carry log-probability confidence: AUROC of confidence against --label, and accuracy above
--confidence-threshold.
Examples:
  agentworld bench shadow shadow.jsonl
  agentworld bench shadow --infer run/infer.jsonl --label state --json`;

interface BenchShadowFlags {
  readonly infer?: string[] | undefined;
  readonly label: CorrectnessLabel;
  readonly similarityThreshold: number;
  readonly confidenceThreshold: number;
  readonly families?: boolean | undefined;
  readonly json?: boolean | undefined;
}

function unitInterval(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !(parsed >= 0 && parsed <= 1))
    throw new InvalidArgumentError('must be a number in [0, 1]');
  return parsed;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** `agentworld bench shadow [SESSIONS…] [--infer FILE…]`. */
export function registerBenchShadowCommand(bench: Command): void {
  bench
    .command('shadow')
    .description('judge-free sim-vs-real fidelity from shadow sessions and infer files (no judge)')
    .argument('[sessions...]', 'session JSONL files recorded by `agentworld shadow`')
    .option('--infer <file>', '`bench infer` output to score as well (repeatable)', collect)
    .addOption(
      new Option('--label <label>', 'what counts as right for the confidence AUROC')
        .choices([...CORRECTNESS_LABELS])
        .default('exact'),
    )
    .option(
      '--similarity-threshold <x>',
      'edit similarity counted as right for --label similarity',
      unitInterval,
      0.9,
    )
    .option(
      '--confidence-threshold <x>',
      'confidence above which accuracy and coverage are reported',
      unitInterval,
      0.9,
    )
    .option('--families', 'also print the table by command family')
    .option('--json', 'print the report as JSON')
    .addHelpText('after', SHADOW_HELP)
    .action(async (sessions: string[], flags: BenchShadowFlags) => {
      process.exitCode = await runBenchShadow(sessions, flags);
    });
}

async function runBenchShadow(sessionFiles: readonly string[], flags: BenchShadowFlags): Promise<number> {
  try {
    const inferFiles = flags.infer ?? [];
    if (sessionFiles.length === 0 && inferFiles.length === 0) {
      throw new AgentWorldError('INVALID_REQUEST', 'Give shadow session files, --infer files, or both.');
    }
    const inputs = await readFidelityInputs({ sessionFiles, inferFiles });
    for (const problem of inputs.skipped) process.stderr.write(`skipped ${problem}\n`);
    if (inputs.turns.length === 0) {
      throw new AgentWorldError(
        'INVALID_REQUEST',
        'Nothing to score: the sessions hold no shadowed turns and no infer line was read (record with `agentworld shadow`).',
      );
    }
    const report = buildFidelityReport(inputs.turns, {
      sessions: inputs.sessions,
      inferLines: inputs.inferLines,
      confidence: {
        label: flags.label,
        similarityThreshold: flags.similarityThreshold,
        threshold: flags.confidenceThreshold,
      },
    });
    process.stdout.write(
      flags.json === true
        ? `${JSON.stringify(report, null, 2)}\n`
        : `${formatFidelityReport(report, { families: flags.families === true })}\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`${formatError(toAgentWorldError(error), process.stderr)}\n`);
    return 1;
  }
}
