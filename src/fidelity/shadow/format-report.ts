import type { FidelityGroup, FidelityReport } from './report.js';

const percent = (value: number | null): string => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
const decimal = (value: number | null): string => (value === null ? '—' : value.toFixed(3));

function stateCell(stats: FidelityGroup['stateChanged']): string {
  return stats.turns === 0 ? '—' : `${percent(stats.accuracy)} (${stats.correct}/${stats.turns})`;
}

function table(groups: readonly FidelityGroup[], heading: string): string[] {
  const header = [
    heading,
    'turns',
    'failed',
    'exact',
    'edit sim',
    'checks ok',
    'structural',
    'state changed',
    'state unchanged',
  ];
  const rows = groups.map((group) => [
    group.key,
    String(group.turns),
    String(group.failures),
    percent(group.exactShare),
    decimal(group.meanEditSimilarity),
    percent(group.checkPassRate),
    group.meanStructural === null
      ? '—'
      : `${decimal(group.meanStructural)} ${group.structuralKinds.join('/')}`,
    stateCell(group.stateChanged),
    stateCell(group.stateUnchanged),
  ]);
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** The report as a table for people: by domain, then overall, by family if asked, then confidence when known. */
export function formatFidelityReport(
  report: FidelityReport,
  options: { readonly families?: boolean | undefined } = {},
): string {
  const lines = [
    `Sim-vs-real fidelity: ${report.sessions} shadow session(s), ${report.inferLines} infer line(s); no judge.`,
    '',
    ...table([...report.byDomain, report.overall], 'domain'),
  ];
  if (options.families === true && report.byFamily.length > 0) {
    lines.push('', ...table(report.byFamily, 'family'));
  }
  if (report.confidence !== undefined) {
    const confidence = report.confidence;
    lines.push(
      '',
      `Confidence (label ${confidence.label}, ${confidence.rows} rows, ${confidence.correct} right): AUROC ${decimal(confidence.auroc)}; ` +
        `at confidence ≥ ${confidence.threshold}: ${percent(confidence.coverage)} of rows, accuracy ${percent(confidence.accuracyAbove)} (all rows ${percent(confidence.accuracy)}).`,
    );
  }
  return lines.join('\n');
}
