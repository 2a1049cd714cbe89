/**
 * The turing report from its lines: how often the judge took the simulated response for the real one, overall
 * and per domain, with counts and 95 % Wilson intervals; how often it named position A (position bias); rows
 * whose prediction equals the ground truth apart (a coin flip by construction); failed rows counted, never scored.
 */
import {
  type Rate,
  type TuringGroup,
  type TuringLine,
  type TuringReport,
  TuringReportSchema,
} from './schemas.js';

const Z_95 = 1.959963984540054;

/** A share with its 95 % Wilson score interval. */
export function wilsonRate(count: number, total: number): Rate {
  if (total === 0) return { count, total, rate: null, low: null, high: null };
  const share = count / total;
  const z2 = Z_95 * Z_95;
  const denominator = 1 + z2 / total;
  const centre = (share + z2 / (2 * total)) / denominator;
  const half = (Z_95 * Math.sqrt((share * (1 - share)) / total + z2 / (4 * total * total))) / denominator;
  return {
    count,
    total,
    rate: share,
    low: Math.max(0, centre - half),
    high: Math.min(1, centre + half),
  };
}

function group(lines: readonly TuringLine[]): TuringGroup {
  const answered = lines.filter((line) => !line.failed && line.choice !== undefined);
  const distinct = answered.filter((line) => !line.identical);
  const identical = answered.filter((line) => line.identical);
  return {
    answered: distinct.length,
    failed: lines.filter((line) => line.failed).length,
    fooled: wilsonRate(distinct.filter((line) => line.fooled === true).length, distinct.length),
    pickedA: wilsonRate(answered.filter((line) => line.choice === 'A').length, answered.length),
    identical: {
      answered: identical.length,
      fooled: wilsonRate(identical.filter((line) => line.fooled === true).length, identical.length),
    },
  };
}

/** The dataset's domain order, then any others alphabetically. */
const DOMAIN_ORDER = ['mcp', 'search', 'terminal', 'swe', 'android', 'web', 'os'];

export function domainOrder(domains: Iterable<string>): string[] {
  const rank = (domain: string): number => {
    const index = DOMAIN_ORDER.indexOf(domain);
    return index === -1 ? DOMAIN_ORDER.length : index;
  };
  return [...new Set(domains)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function summarizeTuring(
  lines: readonly TuringLine[],
  names: { readonly judge?: string | undefined; readonly model?: string | undefined } = {},
): TuringReport {
  const domains: Record<string, TuringGroup> = {};
  for (const domain of domainOrder(lines.map((line) => line.task))) {
    domains[domain] = group(lines.filter((line) => line.task === domain));
  }
  return TuringReportSchema.parse({
    format: 'agentworld.bench.turing-report',
    version: 1,
    ...(names.judge === undefined ? {} : { judge: names.judge }),
    ...(names.model === undefined ? {} : { model: names.model }),
    rows: lines.length,
    overall: group(lines),
    domains,
  });
}

function percent(rate: Rate): string {
  if (rate.rate === null || rate.low === null || rate.high === null) return '–';
  return `${(rate.rate * 100).toFixed(1)}% [${(rate.low * 100).toFixed(1)}–${(rate.high * 100).toFixed(1)}] (${rate.count}/${rate.total})`;
}

/** The report as a plain-text table. */
export function formatTuringReport(report: TuringReport): string {
  const header = ['domain', 'fooled (95% CI)', 'picked A', 'failed', 'identical rows: fooled'];
  const rows = [
    ...Object.entries(report.domains).map(([domain, entry]) => [domain, entry] as const),
    ['overall', report.overall] as const,
  ].map(([name, entry]) => [
    name,
    percent(entry.fooled),
    percent(entry.pickedA),
    String(entry.failed),
    entry.identical.answered === 0 ? '–' : percent(entry.identical.fooled),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const render = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  const who = [
    report.judge === undefined ? undefined : `judge ${report.judge}`,
    report.model === undefined ? undefined : `model ${report.model}`,
  ]
    .filter((part) => part !== undefined)
    .join(', ');
  return [
    `Turing test${who === '' ? '' : ` (${who})`}: how often the judge took the simulated response for the real one (50% = indistinguishable)`,
    render(header),
    ...rows.map(render),
  ].join('\n');
}
