/** The score report as a text table for people (`agentworld bench score` without --json). */
import type { GroupScore, JudgeFreeSummary, ScoreReport, ScoreValue } from './schema.js';

const DIMENSION_HEADERS = ['format', 'factual', 'consist', 'realism', 'quality'] as const;

function score(value: ScoreValue | undefined): string {
  return value?.score === null || value?.score === undefined ? '—' : value.score.toFixed(2);
}

function withInterval(value: ScoreValue | undefined): string {
  const text = score(value);
  if (value?.ci === undefined) return text;
  return `${text} [${value.ci.low.toFixed(1)}, ${value.ci.high.toFixed(1)}]`;
}

function percent(share: number | null): string {
  return share === null ? '—' : `${(share * 100).toFixed(1)}%`;
}

function judgeFreeCells(summary: JudgeFreeSummary): string[] {
  return [
    percent(summary.exactShare),
    summary.editSimilarity === null ? '—' : summary.editSimilarity.toFixed(3),
    percent(summary.checks.rowPassRate),
    summary.structural.mean === null ? '—' : summary.structural.mean.toFixed(3),
    percent(summary.stateChange.changed.accuracy),
    percent(summary.stateChange.unchanged.accuracy),
  ];
}

const JUDGE_FREE_HEADERS = ['exact', 'edit', 'checks', 'struct', 'stateΔ', 'state='];

function table(rows: string[][]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function groupCells(label: string, group: GroupScore, judged: boolean, intervals: boolean): string[] {
  const judge = group.judge;
  return [
    label,
    `${group.valid}/${group.rows}`,
    ...(judged
      ? [
          ...(['format', 'factuality', 'consistency', 'realism', 'quality'] as const).map((column) =>
            score(judge?.[column]),
          ),
          intervals ? withInterval(judge?.total) : score(judge?.total),
        ]
      : []),
    ...judgeFreeCells(group.judgeFree),
  ];
}

export function formatScoreReport(report: ScoreReport): string {
  const intervals = report.bootstrap !== null;
  const header = [
    'domain',
    'valid/rows',
    ...(report.judged
      ? [
          ...DIMENSION_HEADERS,
          intervals ? `total [${Math.round((report.bootstrap?.confidence ?? 0.95) * 100)}% CI]` : 'total',
        ]
      : []),
    ...JUDGE_FREE_HEADERS,
  ];
  const lines: string[] = [];
  const judges = [
    ...new Set(report.manifests.map((manifest) => manifest.judge?.name).filter((name) => name !== undefined)),
  ];
  const models = [...new Set(report.manifests.map((manifest) => manifest.model.name))];
  lines.push(
    `bench score: ${report.sources.join(', ')}${models.length > 0 ? ` — model ${models.join(', ')}` : ''}${judges.length > 0 ? `, judge ${judges.join(', ')}` : ''}`,
  );
  const failures = Object.entries(report.failures)
    .map(([reason, count]) => `${reason} ${count}`)
    .join(', ');
  lines.push(
    `rows ${report.rows.total}: valid ${report.rows.valid}, failed ${report.rows.failed}${failures === '' ? '' : ` (${failures})`}, skipped ${report.rows.skipped}`,
  );
  lines.push('');
  const body = [
    header,
    ...report.domains.map((domain) => groupCells(domain.domain, domain, report.judged, intervals)),
  ];
  const overall = {
    rows: report.rows.total,
    valid: report.rows.valid,
    failed: report.rows.failed,
    judgeFree: report.overall.judgeFree,
  };
  body.push(
    groupCells('Overall (micro)', { ...overall, judge: report.overall.micro }, report.judged, intervals),
  );
  if (report.judged) {
    // The macro row is the mean of the domain rows above: counts and judge-free cells do not apply.
    const macro = groupCells('Overall (macro)', { ...overall, judge: report.overall.macro }, true, intervals);
    body.push([
      macro[0] as string,
      `${report.overall.macroDomains.length} domains`,
      ...macro.slice(2, 8),
      ...JUDGE_FREE_HEADERS.map(() => ''),
    ]);
  }
  lines.push(table(body));
  if (report.judged) {
    lines.push('');
    lines.push(
      `Overall (macro, mean of ${report.overall.macroDomains.length} domains — the published table's Overall): ${withInterval(report.overall.macro?.total)}`,
    );
    lines.push(
      `Overall (micro, sample-weighted — what eval.py score prints): ${withInterval(report.overall.micro?.total)}`,
    );
  }
  lines.push('');
  lines.push('by turn position:');
  lines.push(
    table([
      [
        'position',
        'valid/rows',
        ...(report.judged ? [...DIMENSION_HEADERS, 'total'] : []),
        ...JUDGE_FREE_HEADERS,
      ],
      ...(['first', 'middle', 'last'] as const).map((position) =>
        groupCells(position, report.byTurnPosition[position], report.judged, false),
      ),
    ]),
  );
  lines.push('');
  lines.push(
    'judge-free: exact = byte-exact share; edit = mean edit similarity; checks = rows passing every check; struct = structural match; stateΔ / state= = state-change accuracy where the state changed / did not.',
  );
  if (report.bootstrap !== null)
    lines.push(
      `intervals: ${report.bootstrap.resamples} bootstrap resamples by trajectory within each domain, seed ${report.bootstrap.seed}.`,
    );
  for (const note of report.notes) lines.push(`note: ${note}`);
  return lines.join('\n');
}
