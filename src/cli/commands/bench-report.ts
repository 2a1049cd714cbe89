import type { Command } from 'commander';
import { toAgentWorldError } from '../../core/errors.js';
import { formatError } from '../output.js';
import { wholeNumber } from './rollout-options.js';

const REPORT_HELP = `
One self-contained HTML page (inline CSS and SVG, no script, nothing fetched when viewed) from infer, judged
and turing files: judge scores per domain and dimension (0–100, micro and macro Overall), drift curves (score by
turn index per domain), judge-free metrics per domain (exact, edit similarity, state-change accuracy where the
state changed and where it did not), the worst rows with prediction and ground truth side by side and their
diff marked, the turing test's fooled rates, and the run manifests (models, parameters, prompt hashes,
version). Files without judge scores get the judge-free sections only; a key in a later file replaces the same
key in an earlier one.
Example:
  agentworld bench report results/judged.jsonl results/turing.jsonl --out results/report.html`;

interface ReportFlags {
  readonly out: string;
  readonly title?: string | undefined;
  readonly worst: number;
}

/** `agentworld bench report FILE… --out report.html`. */
export function registerBenchReportCommand(bench: Command): void {
  bench
    .command('report')
    .description('one self-contained HTML page: charts, drift by turn, worst rows with diffs, the manifest')
    .argument('<files...>', 'infer, judged and turing files (JSONL)')
    .requiredOption('--out <file>', 'the HTML page to write')
    .option('--title <text>', 'page title')
    .option('--worst <n>', 'worst rows shown', wholeNumber(0), 10)
    .addHelpText('after', REPORT_HELP)
    .action(async (files: string[], flags: ReportFlags) => {
      process.exitCode = await runBenchReport(files, flags);
    });
}

export async function runBenchReport(files: readonly string[], flags: ReportFlags): Promise<number> {
  try {
    const { writeReport } = await import('../../fidelity/report/index.js');
    const result = await writeReport({ files, out: flags.out, title: flags.title, worst: flags.worst });
    for (const warning of result.warnings.slice(0, 20)) process.stderr.write(`warning: ${warning}\n`);
    if (result.warnings.length > 20) process.stderr.write(`warning: … ${result.warnings.length - 20} more\n`);
    const { rows, domains } = result.numbers;
    process.stderr.write(
      `report: ${rows.total} rows (${rows.valid} valid, ${rows.failed} failed) in ${domains.length} domain(s), ${result.numbers.judged ? 'judged' : 'not judged'}; wrote ${flags.out} (${result.bytes} bytes)\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`${formatError(toAgentWorldError(error), process.stderr)}\n`);
    return 1;
  }
}
