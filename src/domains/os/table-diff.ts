import type { DesktopNode, DesktopTable } from './accessibility-table.js';

export type DesktopNodeField = 'text' | 'description' | 'position' | 'size';

export interface DesktopNodeChange {
  readonly before: DesktopNode;
  readonly after: DesktopNode;
  readonly fields: readonly DesktopNodeField[];
}

/** What changed between two tables, element by element. */
export interface DesktopTableDiff {
  readonly added: readonly DesktopNode[];
  readonly removed: readonly DesktopNode[];
  readonly changed: readonly DesktopNodeChange[];
  /** Elements present in both with every field equal. */
  readonly unchanged: number;
  /** No element was added, removed or changed. */
  readonly identical: boolean;
}

/** An element's identity: tag, name and class, with the occurrence number among equal identities. */
function identities(nodes: readonly DesktopNode[]): Map<string, DesktopNode> {
  const seen = new Map<string, number>();
  const keyed = new Map<string, DesktopNode>();
  for (const node of nodes) {
    const base = `${node.tag}\u0000${node.name}\u0000${node.className}`;
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    keyed.set(`${base}\u0000${count}`, node);
  }
  return keyed;
}

function changedFields(before: DesktopNode, after: DesktopNode): DesktopNodeField[] {
  const fields: DesktopNodeField[] = [];
  if (before.text !== after.text) fields.push('text');
  if (before.description !== after.description) fields.push('description');
  if (before.position?.x !== after.position?.x || before.position?.y !== after.position?.y)
    fields.push('position');
  if (before.size?.width !== after.size?.width || before.size?.height !== after.size?.height)
    fields.push('size');
  return fields;
}

/**
 * A structural diff of two tables: elements are matched by tag, name and class (the n-th equal one with the
 * n-th), so a moved or retexted element is a change and not a removal plus an addition.
 */
export function diffDesktopTables(before: DesktopTable, after: DesktopTable): DesktopTableDiff {
  const old = identities(before.nodes);
  const now = identities(after.nodes);
  const added: DesktopNode[] = [];
  const removed: DesktopNode[] = [];
  const changed: DesktopNodeChange[] = [];
  let unchanged = 0;
  for (const [key, node] of now) {
    const previous = old.get(key);
    if (previous === undefined) {
      added.push(node);
      continue;
    }
    const fields = changedFields(previous, node);
    if (fields.length === 0) unchanged += 1;
    else changed.push({ before: previous, after: node, fields });
  }
  for (const [key, node] of old) if (!now.has(key)) removed.push(node);
  return {
    added,
    removed,
    changed,
    unchanged,
    identical: added.length === 0 && removed.length === 0 && changed.length === 0,
  };
}
