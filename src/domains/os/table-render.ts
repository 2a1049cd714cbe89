/**
 * Writes the OSWorld accessibility table the way OSWorld's `linearize_accessibility_tree` does
 * (mm_agents/agent.py:86-103 in pkueecszc/OSWorld eac51b5 and karakuri-ai/OSWorld-JP, per real-formats.md §8):
 * text containing `"` is quoted with inner quotes doubled, and an empty text cell is written `""`.
 */
import { DESKTOP_TABLE_HEADER, type DesktopNode, parseDesktopTable } from './accessibility-table.js';

/** One element as the table writes it; position and size are the `(x, y)`/`(w, h)` cells as printed. */
export interface DesktopRow {
  readonly tag: string;
  readonly name: string;
  readonly text: string;
  readonly className: string;
  readonly description: string;
  readonly position: string;
  readonly size: string;
}

/** The text cell: `""` when empty, quoted (inner `"` doubled) when it holds a `"`, else as is. */
export function renderDesktopTextCell(text: string): string {
  if (text === '') return '""';
  return text.includes('"') ? `"${text.replaceAll('"', '""')}"` : text;
}

export function renderDesktopRow(row: DesktopRow): string {
  return [
    row.tag,
    row.name,
    renderDesktopTextCell(row.text),
    row.className,
    row.description,
    row.position,
    row.size,
  ].join('\t');
}

/** The header line, then one line per row. */
export function renderDesktopTable(rows: readonly DesktopRow[]): string {
  return [DESKTOP_TABLE_HEADER, ...rows.map(renderDesktopRow)].join('\n');
}

function rowOf(node: DesktopNode): DesktopRow {
  return {
    tag: node.tag,
    name: node.name,
    text: node.text,
    className: node.className,
    description: node.description,
    position: node.position === undefined ? '' : `(${node.position.x}, ${node.position.y})`,
    size: node.size === undefined ? '' : `(${node.size.width}, ${node.size.height})`,
  };
}

/**
 * Rewrites a table through the renderer (used to bring recorded tables to OSWorld's empty-text `""`). A text
 * that does not parse cleanly, or that holds something besides the table, is returned unchanged.
 */
export function rerenderDesktopTable(text: string): string {
  const table = parseDesktopTable(text);
  if (!table.hasHeader || table.problems.length > 0) return text;
  if (!text.startsWith(DESKTOP_TABLE_HEADER)) return text;
  return renderDesktopTable(table.nodes.map(rowOf));
}
