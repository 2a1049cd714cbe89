import type { CompareReport } from './agreement-report.js';

const number = (value: number | undefined, digits = 3): string =>
  value === undefined ? '–' : value.toFixed(digits);

function table(rows: readonly (readonly string[])[]): string {
  const widths = (rows[0] ?? []).map((_, column) =>
    Math.max(...rows.map((row) => (row[column] ?? '').length)),
  );
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

/**
 * The report as text: policies × (sim, real, replay-in-real) mean rewards with ranks, Kendall's τ, the success
 * agreement, and the tasks with the largest mean |sim − real| gaps (at most `worstTasks`).
 */
export function formatCompareReport(report: CompareReport, worstTasks = 5): string {
  const rankOf = (side: 'sim' | 'real' | 'replay', id: string) =>
    report.ranking[side].find((entry) => entry.id === id)?.rank;
  const cell = (side: 'sim' | 'real' | 'replay', id: string, value: number | undefined) =>
    value === undefined ? '–' : `${number(value)} (#${rankOf(side, id)})`;
  const policyRows = [
    ['policy', `sim (${report.simEngine})`, `real (${report.realEngine})`, 'replay-in-real', 'infra s/r/p'],
    ...report.policies.map((policy) => [
      policy.id,
      cell('sim', policy.id, policy.sim.meanReward),
      cell('real', policy.id, policy.real.meanReward),
      cell('replay', policy.id, policy.replay.meanReward),
      `${policy.sim.infrastructure}/${policy.real.infrastructure}/${policy.replay.infrastructure}`,
    ]),
  ];
  const { simVsReal, replayVsReal } = report.kendallTau;
  const { precision, recall } = report.successAgreement;
  const share = (value: { of: number; held: number; share?: number | undefined }) =>
    `${number(value.share, 2)} (${value.held}/${value.of})`;
  const lines = [
    `${report.tasks} tasks × ${report.episodesPerTask} episodes, seed ${report.seed}; mean reward (rank) over the ` +
      `${report.compared.slots} episode slots scored everywhere` +
      (report.compared.excluded === 0 ? ':' : ` (${report.compared.excluded} left out: infrastructure):`),
    table(policyRows),
    '',
    `Kendall's τ-b sim vs real: ${number(simVsReal.tau)} over ${simVsReal.policies} policies ` +
      `(${simVsReal.concordant} concordant, ${simVsReal.discordant} discordant pairs); ` +
      `replay-in-real vs real: ${number(replayVsReal.tau)}`,
    `sim successes that succeed replayed in real: ${share(precision)}; ` +
      `replayed successes the simulator also called: ${share(recall)}`,
    `mean |sim − real| per task: ${number(report.meanAbsGap)}; infrastructure episodes left out: ` +
      `sim ${report.infrastructure.sim}, real ${report.infrastructure.real}, replay ${report.infrastructure.replay}`,
  ];
  const worst = report.perTask
    .filter((row) => row.meanAbsGap !== undefined && row.meanAbsGap > 0)
    .sort((left, right) => (right.meanAbsGap ?? 0) - (left.meanAbsGap ?? 0))
    .slice(0, worstTasks);
  if (worst.length > 0) {
    lines.push(
      '',
      'largest per-task gaps (sim − real):',
      table([
        ['task', 'mean |gap|', ...report.policies.map((policy) => policy.id)],
        ...worst.map((row) => [
          row.taskId,
          number(row.meanAbsGap),
          ...row.policies.map((entry) =>
            entry.gap === undefined ? '–' : `${entry.gap >= 0 ? '+' : ''}${entry.gap.toFixed(2)}`,
          ),
        ]),
      ]),
    );
  } else lines.push('no task shows a sim − real gap');
  lines.push('', `${report.episodes.ran} episodes run, ${report.episodes.skipped} already committed`);
  return lines.join('\n');
}
