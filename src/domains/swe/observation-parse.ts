import { GEMINI_SHELL_FIELDS, type GeminiShellField } from './observation-format.js';

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

/** gemini-cli's shell envelope: every `Field: value` it finds, in order (Output and Error may span lines). */
export function parseShellEnvelope(
  text: string,
): Extract<SweObservationNode, { kind: 'shell-envelope' }> | undefined {
  if (!text.startsWith('Command: ')) return undefined;
  const fields: Partial<Record<GeminiShellField, string>> = {};
  let rest = text;
  let previous: GeminiShellField | undefined;
  for (const field of GEMINI_SHELL_FIELDS) {
    const label = `${field}: `;
    const at = previous === undefined ? (rest.startsWith(label) ? 0 : -1) : rest.indexOf(`\n${label}`);
    if (at === -1) continue;
    if (previous !== undefined) fields[previous] = rest.slice(0, at);
    rest = rest.slice(at + (previous === undefined ? 0 : 1) + label.length);
    previous = field;
  }
  if (previous !== undefined) fields[previous] = rest;
  return { kind: 'shell-envelope', fields };
}

function tagged(text: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>\\n?([\\s\\S]*?)\\n?</${tag}>`).exec(text);
  return match?.[1];
}

/** mini-swe-agent's `<returncode>` observation, plain or elided; undefined when the text is not one. */
export function parseMiniSweResult(
  text: string,
): Extract<SweObservationNode, { kind: 'mini-swe-result' }> | undefined {
  const code = /^(?:<exception>[\s\S]*?<\/exception>\n)?<returncode>(-?\d+)<\/returncode>/.exec(
    text.trimStart(),
  );
  if (code === null) return undefined;
  const output = /<output>\n?([\s\S]*)<\/output>\s*$/.exec(text)?.[1];
  const head = tagged(text, 'output_head');
  const tail = tagged(text, 'output_tail');
  const elided = tagged(text, 'elided_chars');
  const exception = tagged(text, 'exception');
  const elidedChars = elided === undefined ? undefined : Number(/\d+/.exec(elided)?.[0] ?? Number.NaN);
  return {
    kind: 'mini-swe-result',
    returncode: Number(code[1]),
    ...(output === undefined ? {} : { output }),
    ...(head === undefined ? {} : { head }),
    ...(tail === undefined ? {} : { tail }),
    ...(elidedChars === undefined || Number.isNaN(elidedChars) ? {} : { elidedChars }),
    ...(exception === undefined ? {} : { exception }),
  };
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
