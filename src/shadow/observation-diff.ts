import { diffArrays } from 'diff';
import microdiff from 'microdiff';
import type { ShadowComparison } from '../core/turn.js';
import type { DomainId } from '../core/world-spec.js';

export type ShadowDiff = NonNullable<ShadowComparison['diff']>;
export type ShadowDiffKind = ShadowDiff['kind'];
export type ShadowDiffEntry = ShadowDiff['entries'][number];

export interface DiffLimits {
  /** Entries kept; the rest are counted in `omitted`. Default 20. */
  readonly maxEntries?: number | undefined;
  /** Characters kept of each value shown (longer ones end in `…`). Default 200. */
  readonly maxValueChars?: number | undefined;
}

const DEFAULT_MAX_ENTRIES = 20;
const DEFAULT_MAX_VALUE_CHARS = 200;
/** Beyond this many differing lines the line alignment is skipped for a line-by-line comparison. */
const MAX_ALIGNED_EDITS = 4000;

/**
 * The diff form a domain's observations suit: accessibility trees and element tables (web, android, os) are
 * compared node by node, tool results (mcp, search) as JSON when both sides are JSON, screens (terminal, swe)
 * line by line.
 */
export function diffKindFor(domain: DomainId | string): ShadowDiffKind {
  if (domain === 'web' || domain === 'android' || domain === 'os') return 'nodes';
  if (domain === 'mcp' || domain === 'search') return 'json';
  return 'lines';
}

/**
 * A bounded structural diff from the primary observation to the shadow's. `json` falls back to `lines` when
 * either side is not a JSON object or array.
 */
export function diffObservations(
  kind: ShadowDiffKind,
  primary: string,
  shadow: string,
  limits: DiffLimits = {},
): ShadowDiff {
  const collector = new EntryCollector(limits);
  if (kind === 'json') {
    const before = parseJsonContainer(primary);
    const after = parseJsonContainer(shadow);
    if (before !== undefined && after !== undefined) {
      diffJson(before, after, collector);
      return collector.result('json');
    }
    kind = 'lines';
  }
  if (kind === 'nodes') {
    diffSequences(nodesOf(primary), nodesOf(shadow), 'node', collector);
  } else {
    diffSequences(linesOf(primary), linesOf(shadow), 'line', collector);
  }
  return collector.result(kind);
}

class EntryCollector {
  private readonly entries: ShadowDiffEntry[] = [];
  private omitted = 0;
  private readonly maxEntries: number;
  private readonly maxValueChars: number;

  constructor(limits: DiffLimits) {
    this.maxEntries = limits.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.maxValueChars = limits.maxValueChars ?? DEFAULT_MAX_VALUE_CHARS;
  }

  add(op: ShadowDiffEntry['op'], at: string, primary?: string, shadow?: string): void {
    if (this.entries.length >= this.maxEntries) {
      this.omitted++;
      return;
    }
    this.entries.push({
      op,
      at,
      ...(primary === undefined ? {} : { primary: this.clip(primary) }),
      ...(shadow === undefined ? {} : { shadow: this.clip(shadow) }),
    });
  }

  result(kind: ShadowDiffKind): ShadowDiff {
    return { kind, entries: this.entries, omitted: this.omitted };
  }

  private clip(value: string): string {
    return value.length <= this.maxValueChars ? value : `${value.slice(0, this.maxValueChars - 1)}…`;
  }
}

/** An item of a compared sequence: its key (what must be equal) and how it is shown. */
interface Item {
  readonly key: string;
  readonly text: string;
}

function linesOf(text: string): Item[] {
  return text.split('\n').map((line) => ({ key: line, text: line }));
}

/**
 * The nodes of an accessibility tree or element table, one per non-blank line: compared with their depth (the
 * indentation) and content, shown without the indentation.
 */
function nodesOf(text: string): Item[] {
  const nodes: Item[] = [];
  for (const line of text.split('\n')) {
    const content = line.trim();
    if (content === '') continue;
    const depth = line.length - line.trimStart().length;
    nodes.push({ key: `${depth}\u0000${content}`, text: content });
  }
  return nodes;
}

/** Aligns two sequences (Myers' diff) and reports changed, removed and added items, 1-based positions. */
function diffSequences(
  primary: readonly Item[],
  shadow: readonly Item[],
  unit: string,
  collector: EntryCollector,
): void {
  const parts = diffArrays(
    primary.map((item) => item.key),
    shadow.map((item) => item.key),
    { maxEditLength: MAX_ALIGNED_EDITS },
  );
  if (parts === undefined) {
    // Too different to align cheaply: compare position by position.
    for (let index = 0; index < Math.max(primary.length, shadow.length); index++) {
      const before = primary[index];
      const after = shadow[index];
      if (before?.key === after?.key) continue;
      if (before === undefined) collector.add('add', `${unit} ${index + 1}`, undefined, after?.text);
      else if (after === undefined) collector.add('remove', `${unit} ${index + 1}`, before.text);
      else collector.add('change', `${unit} ${index + 1}`, before.text, after.text);
    }
    return;
  }
  let inPrimary = 0;
  let inShadow = 0;
  for (let index = 0; index < parts.length; index++) {
    const part = parts[index];
    if (part === undefined) continue;
    if (!part.added && !part.removed) {
      inPrimary += part.count;
      inShadow += part.count;
      continue;
    }
    // A removal followed by an addition is a change of as many items as both have, then the rest.
    const next = parts[index + 1];
    const removed = part.removed ? part.count : 0;
    const added = part.added ? part.count : next?.added === true && part.removed ? next.count : 0;
    if (part.removed && next?.added === true) index++;
    const changed = Math.min(removed, added);
    for (let offset = 0; offset < changed; offset++) {
      collector.add(
        'change',
        `${unit} ${inPrimary + offset + 1}`,
        primary[inPrimary + offset]?.text,
        shadow[inShadow + offset]?.text,
      );
    }
    for (let offset = changed; offset < removed; offset++) {
      collector.add('remove', `${unit} ${inPrimary + offset + 1}`, primary[inPrimary + offset]?.text);
    }
    for (let offset = changed; offset < added; offset++) {
      collector.add('add', `${unit} ${inShadow + offset + 1}`, undefined, shadow[inShadow + offset]?.text);
    }
    inPrimary += removed;
    inShadow += added;
  }
}

// biome-ignore lint/suspicious/noExplicitAny: microdiff takes plain JSON containers.
type JsonContainer = Record<string, any> | any[];

function parseJsonContainer(text: string): JsonContainer | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return value !== null && typeof value === 'object' ? (value as JsonContainer) : undefined;
  } catch {
    return undefined;
  }
}

function diffJson(primary: JsonContainer, shadow: JsonContainer, collector: EntryCollector): void {
  if (Array.isArray(primary) !== Array.isArray(shadow)) {
    collector.add('change', '$', JSON.stringify(primary), JSON.stringify(shadow));
    return;
  }
  for (const difference of microdiff(primary, shadow, { cyclesFix: false })) {
    const at = jsonPath(difference.path);
    if (difference.type === 'CREATE') collector.add('add', at, undefined, jsonText(difference.value));
    else if (difference.type === 'REMOVE') collector.add('remove', at, jsonText(difference.oldValue));
    else collector.add('change', at, jsonText(difference.oldValue), jsonText(difference.value));
  }
}

function jsonText(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined';
}

/** `$.items[0].title`; keys that are not identifiers are quoted: `$["a b"]`. */
export function jsonPath(path: readonly (string | number)[]): string {
  let text = '$';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) text += `.${part}`;
    else text += `[${JSON.stringify(part)}]`;
  }
  return text;
}
