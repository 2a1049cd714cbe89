import type { GeminiShellField } from './dialects/gemini-cli/index.js';
import { parseShellEnvelope } from './dialects/gemini-cli/index.js';
import { parseMiniSweResult } from './dialects/mini-swe-agent/index.js';

/** One numbered line of a file view. */
export interface SweNumberedLine {
  readonly number: number;
  readonly text: string;
}

/** An observation parsed into the structure its harness gives it. */
export type SweObservationNode =
  | {
      readonly kind: 'numbered-lines';
      /** `arrow` (Claude Code's Read) or `tab` (`cat -n`, swe-agent's editor). */
      readonly style: 'arrow' | 'tab';
      /** Text before the first numbered line (e.g. "Here's the result of running `cat -n` on …"). */
      readonly header: string;
      readonly lines: readonly SweNumberedLine[];
      /** Text after the last numbered line (e.g. a `<system-reminder>` block). */
      readonly trailer: string;
    }
  | { readonly kind: 'shell-envelope'; readonly fields: Readonly<Partial<Record<GeminiShellField, string>>> }
  | {
      readonly kind: 'mini-swe-result';
      readonly returncode: number;
      readonly output?: string;
      readonly head?: string;
      readonly tail?: string;
      readonly elidedChars?: number;
      readonly exception?: string;
    }
  | { readonly kind: 'file-created'; readonly path: string }
  | { readonly kind: 'text'; readonly lines: readonly string[] };

const ARROW_LINE = /^ *(\d+)→(.*)$/;
const TAB_LINE = /^ *(\d+)\t(.*)$/;

/** The numbered lines of a view (arrow or tab style), with the text around them; undefined if none. */
export function parseNumberedLines(
  text: string,
): Extract<SweObservationNode, { kind: 'numbered-lines' }> | undefined {
  const all = text.split('\n');
  for (const [style, pattern] of [
    ['arrow', ARROW_LINE],
    ['tab', TAB_LINE],
  ] as const) {
    const first = all.findIndex((line) => pattern.test(line));
    if (first === -1) continue;
    const lines: SweNumberedLine[] = [];
    let index = first;
    for (; index < all.length; index += 1) {
      const match = pattern.exec(all[index] ?? '');
      if (match === null) break;
      const number = Number(match[1]);
      const previous = lines[lines.length - 1];
      if (previous !== undefined && number !== previous.number + 1) break;
      lines.push({ number, text: (match[2] ?? '').replace(/\r$/, '') });
    }
    return {
      kind: 'numbered-lines',
      style,
      header: all.slice(0, first).join('\n'),
      lines,
      trailer: all.slice(index).join('\n'),
    };
  }
  return undefined;
}

/** Parses any swe observation into its most specific node (plain text when nothing more specific fits). */
export function parseSweObservation(text: string): SweObservationNode {
  const mini = parseMiniSweResult(text);
  if (mini !== undefined) return mini;
  const envelope = parseShellEnvelope(text);
  if (envelope !== undefined) return envelope;
  const created = /^File created successfully at: (.+)$/.exec(text.trim());
  if (created?.[1] !== undefined) return { kind: 'file-created', path: created[1] };
  const numbered = parseNumberedLines(text);
  if (numbered !== undefined && numbered.lines.length > 0) return numbered;
  return { kind: 'text', lines: text.split('\n') };
}

/** What changed between two observations of the same thing, structurally. */
export interface SweObservationDiff {
  readonly sameKind: boolean;
  readonly kinds: readonly [SweObservationNode['kind'], SweObservationNode['kind']];
  /** Numbered views: line numbers whose text changed, appeared or disappeared. */
  readonly changedLines: readonly number[];
  readonly addedLines: readonly number[];
  readonly removedLines: readonly number[];
  /** Envelopes and mini-swe results: fields whose values differ. */
  readonly changedFields: readonly string[];
  /** Plain text: lines only in the second or only in the first observation. */
  readonly addedText: readonly string[];
  readonly removedText: readonly string[];
  readonly unchanged: boolean;
}

function fieldsOf(node: SweObservationNode): Record<string, string> {
  if (node.kind === 'shell-envelope') return { ...node.fields } as Record<string, string>;
  if (node.kind === 'mini-swe-result') {
    const record: Record<string, string> = { returncode: String(node.returncode) };
    for (const key of ['output', 'head', 'tail', 'exception'] as const) {
      const value = node[key];
      if (value !== undefined) record[key] = value;
    }
    if (node.elidedChars !== undefined) record.elidedChars = String(node.elidedChars);
    return record;
  }
  if (node.kind === 'file-created') return { path: node.path };
  return {};
}

function textLines(node: SweObservationNode): string[] {
  if (node.kind === 'text') return [...node.lines];
  if (node.kind === 'numbered-lines') return node.lines.map((line) => line.text);
  return Object.entries(fieldsOf(node)).map(([key, value]) => `${key}: ${value}`);
}

/** A structural diff of two observations (parsed or raw). */
export function diffSweObservations(
  before: string | SweObservationNode,
  after: string | SweObservationNode,
): SweObservationDiff {
  const a = typeof before === 'string' ? parseSweObservation(before) : before;
  const b = typeof after === 'string' ? parseSweObservation(after) : after;
  const changedLines: number[] = [];
  const addedLines: number[] = [];
  const removedLines: number[] = [];
  if (a.kind === 'numbered-lines' && b.kind === 'numbered-lines') {
    const left = new Map(a.lines.map((line) => [line.number, line.text]));
    const right = new Map(b.lines.map((line) => [line.number, line.text]));
    for (const [number, text] of right) {
      const old = left.get(number);
      if (old === undefined) addedLines.push(number);
      else if (old !== text) changedLines.push(number);
    }
    for (const number of left.keys()) if (!right.has(number)) removedLines.push(number);
  }
  const leftFields = fieldsOf(a);
  const rightFields = fieldsOf(b);
  const changedFields = [...new Set([...Object.keys(leftFields), ...Object.keys(rightFields)])].filter(
    (key) => leftFields[key] !== rightFields[key],
  );
  const leftText = textLines(a);
  const rightText = textLines(b);
  const leftSet = new Set(leftText);
  const rightSet = new Set(rightText);
  const addedText = rightText.filter((line) => !leftSet.has(line));
  const removedText = leftText.filter((line) => !rightSet.has(line));
  const sameKind = a.kind === b.kind;
  return {
    sameKind,
    kinds: [a.kind, b.kind],
    changedLines,
    addedLines,
    removedLines,
    changedFields,
    addedText,
    removedText,
    unchanged:
      sameKind &&
      changedLines.length + addedLines.length + removedLines.length + changedFields.length === 0 &&
      addedText.length + removedText.length === 0 &&
      leftText.length === rightText.length,
  };
}
