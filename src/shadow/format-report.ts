import type { ShadowGroupStats, ShadowReport } from './report.js';

const percent = (value: number | null): string => (value === null ? '–' : `${(value * 100).toFixed(1)}%`);
const decimal = (value: number | null): string => (value === null ? '–' : value.toFixed(3));

/** The report as text tables, for people. */
export function formatShadowReport(report: ShadowReport): string {
  if (report.overall.turns === 0)
    return 'No shadowed turns found (record some with `agentworld shadow SPEC …`).';
  const sections = [
    `Shadow divergence: ${report.sessions} session${report.sessions === 1 ? '' : 's'}, ${report.overall.turns} shadowed turn${report.overall.turns === 1 ? '' : 's'}`,
    groupTable('overall', [report.overall]),
    groupTable('domain', report.byDomain),
    groupTable('dialect', report.byDialect),
    groupTable('command family', report.byFamily),
    groupTable('turn position', report.byPosition),
  ];
  if (report.worstTurns.length > 0) {
    sections.push(
      table(
        ['worst turns', 'turn', 'family', 'similarity', 'diffs', 'first difference'],
        report.worstTurns.map((worst) => [
          worst.sessionId,
          String(worst.turn),
          worst.family,
          decimal(worst.similarity),
          String(worst.differences),
          clip(worst.firstDifference ?? '', 70),
        ]),
      ),
    );
  }
  return sections.join('\n\n');
}

function groupTable(title: string, groups: readonly ShadowGroupStats[]): string {
  return table(
    [title, 'turns', 'exact', 'mean sim', 'sim checks failed', 'shadow errors'],
    groups.map((group) => [
      group.key,
      String(group.turns),
      percent(group.exactMatchRate),
      decimal(group.meanSimilarity),
      percent(group.simulatedCheckFailureRate),
      String(group.shadowFailures),
    ]),
  );
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

function clip(text: string, length: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= length ? flat : `${flat.slice(0, length - 1)}…`;
}
