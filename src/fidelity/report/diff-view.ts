/**
 * Ground truth and prediction side by side: a line diff (the `diff` package), and within each changed line
 * pair the characters that differ, marked `<del>` on the ground-truth side and `<ins>` on the prediction side.
 * Everything is escaped; very long texts are cut with a note.
 */
import { type ChangeObject, diffArrays, diffChars } from 'diff';
import { escapeHtml } from './escape.js';

/** Table rows shown at most (the rest is counted). */
const MAX_ROWS = 400;
/** Unchanged lines kept around each change; longer unchanged runs are folded into one line. */
const CONTEXT = 3;
/** Lines shown of a prediction identical to its ground truth. */
const IDENTICAL_HEAD = 8;
/** Lines longer than this are marked whole instead of character by character. */
const MAX_INTRA_LINE = 2000;

interface Side {
  readonly number: number;
  readonly html: string;
}

interface DiffRow {
  readonly kind: 'same' | 'changed' | 'removed' | 'added' | 'folded';
  /** Unchanged lines a folded row stands for. */
  readonly folded?: number;
  readonly truth?: Side;
  readonly prediction?: Side;
}

function intraLine(truth: string, prediction: string): { truth: string; prediction: string } {
  if (truth.length > MAX_INTRA_LINE || prediction.length > MAX_INTRA_LINE) {
    return { truth: `<del>${escapeHtml(truth)}</del>`, prediction: `<ins>${escapeHtml(prediction)}</ins>` };
  }
  const parts: ChangeObject<string>[] = diffChars(truth, prediction);
  let left = '';
  let right = '';
  for (const part of parts) {
    const text = escapeHtml(part.value);
    if (part.added) right += `<ins>${text}</ins>`;
    else if (part.removed) left += `<del>${text}</del>`;
    else {
      left += text;
      right += text;
    }
  }
  return { truth: left, prediction: right };
}

function diffRows(truth: string, prediction: string): DiffRow[] {
  const truthLines = truth.split('\n');
  const predictionLines = prediction.split('\n');
  const changes = diffArrays(truthLines, predictionLines);
  const rows: DiffRow[] = [];
  let truthNumber = 1;
  let predictionNumber = 1;
  for (let index = 0; index < changes.length; index++) {
    const change = changes[index] as ChangeObject<string[]>;
    if (!change.added && !change.removed) {
      for (const line of change.value) {
        const html = escapeHtml(line);
        rows.push({
          kind: 'same',
          truth: { number: truthNumber++, html },
          prediction: { number: predictionNumber++, html },
        });
      }
      continue;
    }
    const next = changes[index + 1];
    const removed = change.removed ? change.value : [];
    const added = change.added ? change.value : change.removed && next?.added === true ? next.value : [];
    if (change.removed && next?.added === true) index += 1;
    const paired = Math.min(removed.length, added.length);
    for (let line = 0; line < Math.max(removed.length, added.length); line++) {
      if (line < paired) {
        const marked = intraLine(removed[line] ?? '', added[line] ?? '');
        rows.push({
          kind: 'changed',
          truth: { number: truthNumber++, html: marked.truth },
          prediction: { number: predictionNumber++, html: marked.prediction },
        });
      } else if (line < removed.length) {
        rows.push({
          kind: 'removed',
          truth: { number: truthNumber++, html: `<del>${escapeHtml(removed[line] ?? '')}</del>` },
        });
      } else {
        rows.push({
          kind: 'added',
          prediction: { number: predictionNumber++, html: `<ins>${escapeHtml(added[line] ?? '')}</ins>` },
        });
      }
    }
  }
  return rows;
}

/** Folds long runs of unchanged lines, keeping CONTEXT lines next to each change. */
function foldUnchanged(rows: readonly DiffRow[]): DiffRow[] {
  const anyChange = rows.some((row) => row.kind !== 'same');
  const result: DiffRow[] = [];
  let start = 0;
  while (start < rows.length) {
    if (rows[start]?.kind !== 'same') {
      result.push(rows[start] as DiffRow);
      start += 1;
      continue;
    }
    let end = start;
    while (end < rows.length && rows[end]?.kind === 'same') end += 1;
    const run = rows.slice(start, end);
    const head = !anyChange ? IDENTICAL_HEAD : start === 0 ? 0 : CONTEXT;
    const tail = !anyChange || end === rows.length ? 0 : CONTEXT;
    if (run.length > head + tail + 1) {
      result.push(
        ...run.slice(0, head),
        { kind: 'folded', folded: run.length - head - tail },
        ...run.slice(run.length - tail),
      );
    } else {
      result.push(...run);
    }
    start = end;
  }
  return result;
}

function cells(side: Side | undefined, role: string): string {
  if (side === undefined) return `<td class="ln"></td><td class="${role} empty"></td>`;
  return `<td class="ln">${side.number}</td><td class="${role}">${side.html}</td>`;
}

/** The side-by-side diff table; `caption` is plain text (escaped here). */
export function diffTable(truth: string, prediction: string, caption: string): string {
  const all = diffRows(truth, prediction);
  const changedLines = all.filter((row) => row.kind !== 'same').length;
  const rows = foldUnchanged(all);
  const shown = rows.slice(0, MAX_ROWS);
  const body = shown
    .map((row) =>
      row.kind === 'folded'
        ? `<tr class="folded"><td colspan="4">… ${row.folded ?? 0} unchanged line(s)</td></tr>`
        : `<tr class="${row.kind}">${cells(row.truth, 'truth')}${cells(row.prediction, 'prediction')}</tr>`,
    )
    .join('');
  const more =
    rows.length > shown.length
      ? `<tr class="more"><td colspan="4">… ${rows.length - shown.length} more row(s) not shown</td></tr>`
      : '';
  return [
    `<table class="diff" data-changed-lines="${changedLines}">`,
    `<caption>${escapeHtml(caption)} (${changedLines} line(s) differ)</caption>`,
    '<thead><tr><th scope="col">#</th><th scope="col">Ground truth (real)</th><th scope="col">#</th><th scope="col">Prediction (simulated)</th></tr></thead>',
    `<tbody>${body}${more}</tbody></table>`,
  ].join('');
}
