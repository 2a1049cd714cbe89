/** The sections of the report page, each a function from the numbers to escaped HTML. */

import type { RunManifest } from '../schemas.js';
import { type JudgeFreeSummary, SCORE_COLUMNS, type ScoreTable } from '../score/schema.js';
import type { TuringManifest, TuringReport } from '../turing/schemas.js';
import type { DomainSummary, ReportNumbers, WorstRow } from './aggregate.js';
import { diffTable } from './diff-view.js';
import { escapeHtml, formatNumber, formatPercent } from './escape.js';
import { type BarGroup, groupedBarChart, lineChart } from './svg-charts.js';

const OVERALL_MICRO = 'Overall (micro)';
const OVERALL_MACRO = 'Overall (macro)';

function judgeGroups(numbers: ReportNumbers): BarGroup[] {
  const groupOf = (label: string, table: ScoreTable | null): BarGroup => ({
    label,
    bars: SCORE_COLUMNS.map((column) => ({
      series: column,
      value: table?.[column].score ?? null,
      detail: `${table?.[column].count ?? 0} rows`,
    })),
  });
  return [
    ...numbers.domains.map((domain) => groupOf(domain.domain, domain.judge)),
    groupOf(OVERALL_MICRO, numbers.overall.micro),
    groupOf(OVERALL_MACRO, numbers.overall.macro),
  ];
}

export function judgeSection(numbers: ReportNumbers): string {
  if (!numbers.judged) {
    return `<section id="judge"><h2>Judge scores by domain and dimension</h2><p>No row carries judge scores (an infer file): the judge columns are absent. The judge-free metrics below cover every row.</p></section>`;
  }
  const chart = groupedBarChart(
    {
      id: 'judge-chart',
      title: 'Judge scores by domain and dimension, normalised 0–100',
      description: `Bars per domain for ${SCORE_COLUMNS.join(', ')}; then the sample-weighted (micro) and mean-of-domains (macro) Overall. 0 = every row scored 1, 100 = every row scored 5.`,
    },
    judgeGroups(numbers),
    SCORE_COLUMNS,
  );
  const cell = (value: ScoreTable[keyof ScoreTable] | undefined): string => {
    const ci =
      value?.ci === undefined
        ? ''
        : ` <span class="ci">[${formatNumber(value.ci.low)}–${formatNumber(value.ci.high)}]</span>`;
    return `<td>${formatNumber(value?.score)}${ci}</td>`;
  };
  const row = (label: string, table: ScoreTable | null, rows: string): string =>
    `<tr><th scope="row">${escapeHtml(label)}</th>${SCORE_COLUMNS.map((column) => cell(table?.[column])).join('')}<td>${rows}</td></tr>`;
  const interval =
    numbers.bootstrap === null
      ? ''
      : `; in brackets the ${Math.round(numbers.bootstrap.confidence * 100)}% bootstrap interval (${numbers.bootstrap.resamples} resamples of trajectories)`;
  const table = [
    `<table class="scores"><caption>Judge scores (0–100; rows: valid / all) per domain, then micro and macro Overall${interval}</caption>`,
    `<thead><tr><th scope="col">Domain</th>${SCORE_COLUMNS.map((column) => `<th scope="col">${column}</th>`).join('')}<th scope="col">Rows</th></tr></thead><tbody>`,
    ...numbers.domains.map((domain) => row(domain.domain, domain.judge, `${domain.valid} / ${domain.rows}`)),
    row(OVERALL_MICRO, numbers.overall.micro, `${numbers.rows.valid} / ${numbers.rows.total}`),
    row(OVERALL_MACRO, numbers.overall.macro, `${numbers.overall.macroDomains.length} domains`),
    '</tbody></table>',
  ].join('');
  const notes =
    numbers.notes.length === 0
      ? ''
      : `<ul class="notes">${numbers.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>`;
  return `<section id="judge"><h2>Judge scores by domain and dimension</h2>${chart}${table}${notes}</section>`;
}

const JUDGE_FREE_SERIES = [
  'exact',
  'edit similarity',
  'state change (changed)',
  'state change (unchanged)',
  'structural',
  'checks passed',
];

function judgeFreeBars(summary: JudgeFreeSummary) {
  const percent = (value: number | null) => (value === null ? null : value * 100);
  return [
    { series: 'exact', value: percent(summary.exactShare), detail: `${summary.rows} rows` },
    { series: 'edit similarity', value: percent(summary.editSimilarity), detail: `${summary.rows} rows` },
    {
      series: 'state change (changed)',
      value: percent(summary.stateChange.changed.accuracy),
      detail: `${summary.stateChange.changed.rows} rows`,
    },
    {
      series: 'state change (unchanged)',
      value: percent(summary.stateChange.unchanged.accuracy),
      detail: `${summary.stateChange.unchanged.rows} rows`,
    },
    {
      series: 'structural',
      value: percent(summary.structural.mean),
      detail: `${summary.structural.rows} rows`,
    },
    {
      series: 'checks passed',
      value: percent(summary.checks.rowPassRate),
      detail: `${summary.checks.rows} rows`,
    },
  ];
}

export function judgeFreeSection(numbers: ReportNumbers): string {
  const groups: BarGroup[] = [
    ...numbers.domains.map((domain) => ({ label: domain.domain, bars: judgeFreeBars(domain.judgeFree) })),
    { label: 'Overall', bars: judgeFreeBars(numbers.overall.judgeFree) },
  ];
  const chart = groupedBarChart(
    {
      id: 'judge-free-chart',
      title: 'Judge-free metrics by domain, 0–100',
      description:
        'Share of byte-exact predictions, mean edit similarity, state-change accuracy where the real state changed and where it did not, structural match, and share of rows passing every deterministic check; all as percentages.',
    },
    groups,
    JUDGE_FREE_SERIES,
  );
  const row = (label: string, summary: JudgeFreeSummary): string =>
    `<tr><th scope="row">${escapeHtml(label)}</th><td>${summary.rows}</td><td>${formatPercent(summary.exactShare)}</td><td>${formatPercent(summary.editSimilarity)}</td><td>${formatPercent(summary.stateChange.changed.accuracy)} <span class="muted">(${summary.stateChange.changed.rows})</span></td><td>${formatPercent(summary.stateChange.unchanged.accuracy)} <span class="muted">(${summary.stateChange.unchanged.rows})</span></td><td>${formatPercent(summary.structural.mean)} <span class="muted">${escapeHtml(summary.structural.kinds.join(', '))}</span></td><td>${formatPercent(summary.checks.rowPassRate)} <span class="muted">(${summary.checks.rows})</span></td></tr>`;
  const table = [
    '<table class="judge-free"><caption>Judge-free metrics per domain (state change: accuracy and rows, where the real state changed and where it did not)</caption>',
    '<thead><tr><th scope="col">Domain</th><th scope="col">Rows</th><th scope="col">Exact</th><th scope="col">Edit similarity</th><th scope="col">State change: changed</th><th scope="col">State change: unchanged</th><th scope="col">Structural</th><th scope="col">All checks passed</th></tr></thead><tbody>',
    ...numbers.domains.map((domain) => row(domain.domain, domain.judgeFree)),
    row('Overall', numbers.overall.judgeFree),
    '</tbody></table>',
  ].join('');
  return `<section id="judge-free"><h2>Judge-free metrics by domain</h2>${chart}${table}</section>`;
}

function driftFigure(domain: DomainSummary, metric: string): string {
  const chart = lineChart(
    {
      id: `drift-${domain.domain}`,
      title: `${domain.domain}: ${metric} by turn index`,
      description: `${domain.drift.length} point(s), one per turn index with scored rows, on a 0–100 scale.`,
    },
    domain.drift.map((point) => ({ x: point.turnIdx, y: point.value, detail: `${point.rows} rows` })),
    'turn',
    ` data-domain="${escapeHtml(domain.domain)}"`,
  );
  return `<figure><figcaption>${escapeHtml(domain.domain)}</figcaption>${chart}</figure>`;
}

export function driftSection(numbers: ReportNumbers): string {
  const metric =
    numbers.driftMetric === 'judge total' ? 'judge total score (0–100)' : 'edit similarity (0–100)';
  const figures = numbers.domains
    .filter((domain) => domain.drift.length > 0)
    .map((domain) => driftFigure(domain, metric));
  const rows = numbers.domains.flatMap((domain) =>
    domain.drift.map(
      (point) =>
        `<tr><th scope="row">${escapeHtml(domain.domain)}</th><td>${point.turnIdx}</td><td>${formatNumber(point.value)}</td><td>${point.rows}</td></tr>`,
    ),
  );
  const table = `<details><summary>Drift values</summary><table class="drift"><caption>${escapeHtml(metric)} by domain and turn index</caption><thead><tr><th scope="col">Domain</th><th scope="col">Turn</th><th scope="col">Score</th><th scope="col">Rows</th></tr></thead><tbody>${rows.join('')}</tbody></table></details>`;
  return `<section id="drift"><h2>Drift: ${escapeHtml(metric)} by turn index</h2><div class="drift-grid">${figures.join('')}</div>${table}</section>`;
}

function worstRow(row: WorstRow, index: number): string {
  const score = row.score === undefined ? '' : `judge total ${formatNumber(row.score)}`;
  const similarity =
    row.editSimilarity === undefined ? '' : `edit similarity ${formatPercent(row.editSimilarity)}`;
  const scores =
    row.scores === undefined
      ? ''
      : `<p class="muted">${Object.entries(row.scores)
          .map(([dimension, value]) => `${escapeHtml(dimension)} ${value}`)
          .join(' · ')}</p>`;
  const weaknesses =
    row.weaknesses.length === 0
      ? ''
      : `<details><summary>The judge's weaknesses</summary><ul>${row.weaknesses.map((text) => `<li>${escapeHtml(text)}</li>`).join('')}</ul></details>`;
  return `<article class="worst" data-key="${escapeHtml(row.key)}"><h3>${index + 1}. <code>${escapeHtml(row.key)}</code> <span class="muted">${escapeHtml(row.task)}, turn ${row.turnIdx} of ${row.totalTurns}</span></h3><p>${[score, similarity].filter((part) => part !== '').join(' · ')}</p>${scores}${weaknesses}${diffTable(row.truth, row.prediction, `Ground truth and prediction of ${row.key}`)}</article>`;
}

export function worstSection(numbers: ReportNumbers): string {
  const how = numbers.judged ? 'lowest judge total score' : 'lowest edit similarity (no judge scores)';
  const body =
    numbers.worst.length === 0
      ? '<p>No scored rows.</p>'
      : numbers.worst.map((row, index) => worstRow(row, index)).join('');
  return `<section id="worst"><h2>Worst rows (${escapeHtml(how)})</h2><p class="muted">Prediction and ground truth side by side; changed lines are shaded, changed characters marked.</p>${body}</section>`;
}

function rate(value: TuringReport['overall']['fooled']): string {
  if (value.rate === null) return '–';
  return `${formatPercent(value.rate)} <span class="muted">[${formatPercent(value.low)}–${formatPercent(value.high)}] (${value.count}/${value.total})</span>`;
}

export function turingSection(report: TuringReport | undefined): string {
  if (report === undefined) return '';
  const row = (label: string, entry: TuringReport['overall']): string =>
    `<tr><th scope="row">${escapeHtml(label)}</th><td>${rate(entry.fooled)}</td><td>${rate(entry.pickedA)}</td><td>${entry.failed}</td><td>${entry.identical.answered === 0 ? '–' : rate(entry.identical.fooled)}</td></tr>`;
  return [
    '<section id="turing"><h2>Turing test: real or simulated?</h2>',
    `<p>How often the judge${report.judge === undefined ? '' : ` (<code>${escapeHtml(report.judge)}</code>)`} took the simulated response for the real one: 50% means it cannot tell them apart. Rows whose prediction equals the ground truth are a coin flip and are counted apart.</p>`,
    '<table class="turing"><caption>Turing test per domain: fooled rate with 95% Wilson interval, share of verdicts naming A (position bias), failed verdicts, identical rows</caption>',
    '<thead><tr><th scope="col">Domain</th><th scope="col">Fooled</th><th scope="col">Picked A</th><th scope="col">Failed</th><th scope="col">Identical rows: fooled</th></tr></thead><tbody>',
    ...Object.entries(report.domains).map(([domain, entry]) => row(domain, entry)),
    row('Overall', report.overall),
    '</tbody></table></section>',
  ].join('');
}

function json(value: unknown): string {
  return `<pre class="json">${escapeHtml(JSON.stringify(value, null, 2))}</pre>`;
}

function hashTable(hashes: Record<string, string>, caption: string): string {
  const rows = Object.entries(hashes)
    .map(
      ([name, hash]) =>
        `<tr><th scope="row">${escapeHtml(name)}</th><td><code>${escapeHtml(hash)}</code></td></tr>`,
    )
    .join('');
  return `<table class="prompt-hashes"><caption>${escapeHtml(caption)}</caption><thead><tr><th scope="col">Prompt</th><th scope="col">sha256</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function entry(term: string, description: string): string {
  return `<dt>${escapeHtml(term)}</dt><dd>${description}</dd>`;
}

function runManifest(manifest: RunManifest, index: number): string {
  const judge = manifest.judge;
  return [
    `<article class="manifest" data-stage="${escapeHtml(manifest.stage)}"><h3>${index + 1}. ${escapeHtml(manifest.stage)} run</h3><dl class="manifest">`,
    entry('AgentWorld version', escapeHtml(manifest.agentworldVersion)),
    entry('Created', escapeHtml(manifest.createdAt)),
    entry(
      'Data',
      `${escapeHtml(manifest.data.sources.join(', '))} <span class="muted">rows hash <code>${escapeHtml(manifest.data.rowsHash)}</code></span>`,
    ),
    entry(
      'World model',
      `<code class="model-name">${escapeHtml(manifest.model.name)}</code> (engine ${escapeHtml(manifest.model.engine)}${manifest.model.baseUrl === undefined ? '' : `, ${escapeHtml(manifest.model.baseUrl)}`})`,
    ),
    entry('Model parameters', json(manifest.model.parameters)),
    ...(judge === undefined
      ? []
      : [
          entry(
            'Judge',
            `<code class="judge-name">${escapeHtml(judge.name)}</code>${judge.baseUrl === undefined ? '' : ` (${escapeHtml(judge.baseUrl)})`}`,
          ),
          entry('Judge parameters', json(judge.parameters)),
          entry(
            'Judge prompts',
            `${escapeHtml(judge.promptSource)}${hashTable(judge.promptHashes, 'sha256 of each judge prompt')}`,
          ),
        ]),
    '</dl></article>',
  ].join('');
}

function turingManifest(manifest: TuringManifest): string {
  return [
    '<article class="manifest" data-stage="turing"><h3>Turing test run</h3><dl class="manifest">',
    entry('AgentWorld version', escapeHtml(manifest.agentworldVersion)),
    entry('Created', escapeHtml(manifest.createdAt)),
    entry('Predictions', escapeHtml(manifest.predictions)),
    ...(manifest.model === undefined
      ? []
      : [entry('World model', `<code>${escapeHtml(manifest.model)}</code>`)]),
    entry('Seed of the A/B order', String(manifest.seed)),
    entry('Judge', `<code class="judge-name">${escapeHtml(manifest.judge.name)}</code>`),
    entry('Judge parameters', json(manifest.judge.parameters)),
    entry('Prompts', hashTable(manifest.judge.promptHashes, 'sha256 of the turing prompt parts')),
    '</dl></article>',
  ].join('');
}

export function manifestSection(
  manifests: readonly RunManifest[],
  turing: readonly TuringManifest[],
): string {
  const body =
    manifests.length + turing.length === 0
      ? '<p>No manifest was found next to the files given (<code>FILE.manifest.json</code>).</p>'
      : [...manifests.map(runManifest), ...turing.map(turingManifest)].join('');
  return `<section id="manifest"><h2>Run manifest</h2>${body}</section>`;
}
