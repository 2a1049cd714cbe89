/**
 * The OSWorld-style linearised accessibility table: a header line, then one tab-separated row per element with
 * seven columns (tag, name, text, class, description, position, size). Text may span lines (a row continues
 * until it has all its columns) and may be quoted with `"` (doubled inside).
 */

export const DESKTOP_TABLE_COLUMNS = [
  'tag',
  'name',
  'text',
  'class',
  'description',
  'position (top-left x&y)',
  'size (w&h)',
] as const;

export const DESKTOP_TABLE_HEADER = DESKTOP_TABLE_COLUMNS.join('\t');

export interface DesktopPoint {
  readonly x: number;
  readonly y: number;
}

export interface DesktopSize {
  readonly width: number;
  readonly height: number;
}

/** One element row of the table. */
export interface DesktopNode {
  /** 0-based position among the element rows. */
  readonly index: number;
  /** 1-based line of the observation where the row starts. */
  readonly line: number;
  readonly tag: string;
  readonly name: string;
  readonly text: string;
  readonly className: string;
  readonly description: string;
  readonly position?: DesktopPoint;
  readonly size?: DesktopSize;
}

/** Something in the table that a real linearisation would not print. */
export interface DesktopTableProblem {
  readonly line: number;
  readonly message: string;
}

export interface DesktopTable {
  /** The first non-empty line is exactly the header. */
  readonly hasHeader: boolean;
  readonly nodes: readonly DesktopNode[];
  readonly problems: readonly DesktopTableProblem[];
}

const PAIR = /^\(\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*\)$/;

function parsePair(text: string): readonly [number, number] | undefined {
  const match = PAIR.exec(text.trim());
  return match === null ? undefined : [Number(match[1]), Number(match[2])];
}

/** Removes the quotes a linearisation puts around text containing `"` (doubling those inside). */
function unquote(text: string): string {
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"'))
    return text.slice(1, -1).replaceAll('""', '"');
  return text;
}

function tabCount(text: string): number {
  let count = 0;
  for (const char of text) if (char === '\t') count += 1;
  return count;
}

/** Whether text looks like the table at all (its header appears on some line). */
export function looksLikeDesktopTable(text: string): boolean {
  return text.split('\n').some((line) => line.trimEnd() === DESKTOP_TABLE_HEADER);
}

/** Parses the table into nodes; never throws: what does not fit is listed in `problems`. */
export function parseDesktopTable(text: string): DesktopTable {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const problems: DesktopTableProblem[] = [];
  let start = lines.findIndex((line) => line.trim().length > 0);
  if (start === -1)
    return { hasHeader: false, nodes: [], problems: [{ line: 1, message: 'the table is empty' }] };
  const hasHeader = (lines[start] as string).trimEnd() === DESKTOP_TABLE_HEADER;
  if (hasHeader) start += 1;
  else problems.push({ line: start + 1, message: 'the first line is not the table header' });
  const nodes: DesktopNode[] = [];
  const columnsNeeded = DESKTOP_TABLE_COLUMNS.length - 1;
  let pending: { text: string; line: number } | undefined;
  const finish = (row: { text: string; line: number }): void => {
    const cells = row.text.split('\t');
    if (cells.length !== DESKTOP_TABLE_COLUMNS.length) {
      problems.push({
        line: row.line,
        message: `the row has ${cells.length} columns, expected ${DESKTOP_TABLE_COLUMNS.length}`,
      });
      return;
    }
    const [tag, name, textCell, className, description, positionCell, sizeCell] = cells as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const position = parsePair(positionCell);
    const size = parsePair(sizeCell);
    if (position === undefined && positionCell.trim() !== '') {
      problems.push({ line: row.line, message: `the position "${positionCell}" is not "(x, y)"` });
    }
    if (size === undefined && sizeCell.trim() !== '') {
      problems.push({ line: row.line, message: `the size "${sizeCell}" is not "(w, h)"` });
    }
    if (tag.trim() === '') problems.push({ line: row.line, message: 'the row has no tag' });
    nodes.push({
      index: nodes.length,
      line: row.line,
      tag,
      name,
      text: unquote(textCell),
      className,
      description,
      ...(position === undefined ? {} : { position: { x: position[0], y: position[1] } }),
      ...(size === undefined ? {} : { size: { width: size[0], height: size[1] } }),
    });
  };
  for (let index = start; index < lines.length; index++) {
    const line = lines[index] as string;
    if (pending === undefined) {
      if (line.trim().length === 0) continue;
      pending = { text: line, line: index + 1 };
    } else {
      pending.text += `\n${line}`;
    }
    if (tabCount(pending.text) >= columnsNeeded) {
      finish(pending);
      pending = undefined;
    }
  }
  if (pending !== undefined) finish({ text: pending.text.trimEnd(), line: pending.line });
  return { hasHeader, nodes, problems };
}

/** Whether a point lies inside a node's box (edges included). */
export function nodeContains(node: DesktopNode, point: DesktopPoint): boolean {
  if (node.position === undefined || node.size === undefined) return false;
  const { x, y } = node.position;
  return point.x >= x && point.y >= y && point.x <= x + node.size.width && point.y <= y + node.size.height;
}

/** The nodes whose boxes hold the point, smallest first. */
export function nodesAt(nodes: readonly DesktopNode[], point: DesktopPoint): DesktopNode[] {
  const area = (node: DesktopNode): number => (node.size?.width ?? 0) * (node.size?.height ?? 0);
  return nodes.filter((node) => nodeContains(node, point)).sort((a, b) => area(a) - area(b));
}
