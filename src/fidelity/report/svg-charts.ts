/**
 * Inline SVG charts for the report page (no script, no external resources): grouped bars on a 0–100 scale and
 * a line chart by turn index. Every mark carries a `<title>` (its tooltip and accessible name) and data
 * attributes with its exact value; every chart has a title and a description.
 */
import { escapeHtml, formatNumber } from './escape.js';

/** Colours that stay apart for common colour-vision deficiencies (Okabe–Ito). */
export const SERIES_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000'];

export interface Bar {
  readonly series: string;
  /** 0–100, or null when there is no value. */
  readonly value: number | null;
  /** Extra words for the title (e.g. `12 rows`). */
  readonly detail?: string;
}

export interface BarGroup {
  readonly label: string;
  readonly bars: readonly Bar[];
}

export interface ChartText {
  /** Unique within the page: used for ids. */
  readonly id: string;
  readonly title: string;
  readonly description: string;
}

const HEIGHT = 260;
const TOP = 16;
const BOTTOM = 48;
const LEFT = 40;
const PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;

function yOf(value: number): number {
  const clamped = Math.max(0, Math.min(100, value));
  return TOP + PLOT_HEIGHT - (clamped / 100) * PLOT_HEIGHT;
}

function yAxis(width: number): string {
  return [0, 25, 50, 75, 100]
    .map((tick) => {
      const y = yOf(tick).toFixed(1);
      return `<line class="grid" x1="${LEFT}" x2="${width - 8}" y1="${y}" y2="${y}"/><text class="tick" x="${LEFT - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${tick}</text>`;
    })
    .join('');
}

function header(text: ChartText, width: number, kind: string, extra = ''): string {
  const id = escapeHtml(text.id);
  return `<svg class="chart" data-chart="${escapeHtml(kind)}"${extra} role="img" viewBox="0 0 ${width} ${HEIGHT}" width="${width}" height="${HEIGHT}" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg"><title id="${id}-title">${escapeHtml(text.title)}</title><desc id="${id}-desc">${escapeHtml(text.description)}</desc>`;
}

function legend(series: readonly string[]): string {
  return `<ul class="legend">${series
    .map(
      (name, index) =>
        `<li><span class="swatch" style="background:${SERIES_COLOURS[index % SERIES_COLOURS.length]}"></span>${escapeHtml(name)}</li>`,
    )
    .join('')}</ul>`;
}

/** Grouped bars (one group per domain, one bar per series), 0–100, with a legend below. */
export function groupedBarChart(
  text: ChartText,
  groups: readonly BarGroup[],
  series: readonly string[],
): string {
  const barWidth = 14;
  const gap = 22;
  const groupWidth = series.length * barWidth + gap;
  const width = LEFT + groups.length * groupWidth + 16;
  const parts: string[] = [header(text, width, 'bars'), yAxis(width)];
  groups.forEach((group, groupIndex) => {
    const x0 = LEFT + 10 + groupIndex * groupWidth;
    for (const bar of group.bars) {
      const seriesIndex = series.indexOf(bar.series);
      const x = x0 + seriesIndex * barWidth;
      const colour = SERIES_COLOURS[seriesIndex % SERIES_COLOURS.length];
      const label = `${group.label} · ${bar.series}: ${formatNumber(bar.value)}${bar.detail === undefined ? '' : ` (${bar.detail})`}`;
      const data = `data-group="${escapeHtml(group.label)}" data-series="${escapeHtml(bar.series)}"`;
      if (bar.value === null) {
        parts.push(
          `<text class="missing" ${data} x="${x + barWidth / 2}" y="${yOf(0) - 4}" text-anchor="middle"><title>${escapeHtml(label)}</title>–</text>`,
        );
        continue;
      }
      const y = yOf(bar.value);
      const height = Math.max(0.5, yOf(0) - y);
      parts.push(
        `<rect class="bar" ${data} data-value="${bar.value.toFixed(2)}" x="${x}" y="${y.toFixed(1)}" width="${barWidth - 2}" height="${height.toFixed(1)}" fill="${colour}"><title>${escapeHtml(label)}</title></rect>`,
      );
    }
    parts.push(
      `<text class="group-label" x="${x0 + (series.length * barWidth) / 2}" y="${HEIGHT - BOTTOM + 18}" text-anchor="middle">${escapeHtml(group.label)}</text>`,
    );
  });
  parts.push('</svg>');
  return `<figure class="chart-figure">${parts.join('')}${legend(series)}</figure>`;
}

export interface LinePoint {
  readonly x: number;
  /** 0–100. */
  readonly y: number;
  readonly detail?: string;
}

/** One series over turn indices, 0–100: a line and one marked point per index. */
export function lineChart(text: ChartText, points: readonly LinePoint[], xLabel: string, extra = ''): string {
  const width = 360;
  const right = width - 16;
  const xs = points.map((point) => point.x);
  const minX = Math.min(...xs, 1);
  const maxX = Math.max(...xs, minX + 1);
  const xOf = (x: number): number => LEFT + 8 + ((x - minX) / (maxX - minX)) * (right - LEFT - 8);
  const parts: string[] = [header(text, width, 'drift', extra), yAxis(width)];
  const ticks = [...new Set([minX, ...xs, maxX])].sort((a, b) => a - b);
  const step = Math.max(1, Math.ceil(ticks.length / 10));
  ticks
    .filter((_, index) => index % step === 0)
    .forEach((tick) => {
      parts.push(
        `<text class="tick" x="${xOf(tick).toFixed(1)}" y="${HEIGHT - BOTTOM + 16}" text-anchor="middle">${tick}</text>`,
      );
    });
  parts.push(
    `<text class="axis-label" x="${(LEFT + right) / 2}" y="${HEIGHT - 10}" text-anchor="middle">${escapeHtml(xLabel)}</text>`,
  );
  if (points.length > 1) {
    const path = points.map((point) => `${xOf(point.x).toFixed(1)},${yOf(point.y).toFixed(1)}`).join(' ');
    parts.push(`<polyline class="line" points="${path}" fill="none" stroke="${SERIES_COLOURS[0]}"/>`);
  }
  for (const point of points) {
    const label = `${xLabel} ${point.x}: ${formatNumber(point.y)}${point.detail === undefined ? '' : ` (${point.detail})`}`;
    parts.push(
      `<circle class="point" data-x="${point.x}" data-value="${point.y.toFixed(2)}" cx="${xOf(point.x).toFixed(1)}" cy="${yOf(point.y).toFixed(1)}" r="4" fill="${SERIES_COLOURS[0]}"><title>${escapeHtml(label)}</title></circle>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
