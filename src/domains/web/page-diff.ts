import type { WebNode, WebPage } from './page.js';

/** One node present in both pages whose role, name or attributes differ. */
export interface WebNodeChange {
  readonly key: string;
  readonly before: WebNode;
  readonly after: WebNode;
  readonly fields: readonly string[];
}

/** What changed between two pages and what stayed. */
export interface WebPageDiff {
  readonly identical: boolean;
  readonly urlChanged: boolean;
  readonly titleChanged: boolean;
  readonly added: readonly WebNode[];
  readonly removed: readonly WebNode[];
  readonly changed: readonly WebNodeChange[];
  readonly unchangedCount: number;
}

/** Nodes keyed by id when they have one, otherwise by role, name and occurrence. */
function keyed(nodes: readonly WebNode[]): Map<string, WebNode> {
  const map = new Map<string, WebNode>();
  const seen = new Map<string, number>();
  for (const node of nodes) {
    let key: string;
    if (node.id !== undefined) key = `#${node.id}`;
    else {
      const base = `${node.role}|${node.name}`;
      const count = (seen.get(base) ?? 0) + 1;
      seen.set(base, count);
      key = `${base}|${count}`;
    }
    if (!map.has(key)) map.set(key, node);
  }
  return map;
}

function changedFields(before: WebNode, after: WebNode): string[] {
  const fields: string[] = [];
  if (before.role !== after.role) fields.push('role');
  if (before.name !== after.name) fields.push('name');
  if (before.depth !== after.depth) fields.push('depth');
  const keys = new Set([...Object.keys(before.attributes), ...Object.keys(after.attributes)]);
  for (const key of keys) {
    if (before.attributes[key] !== after.attributes[key]) fields.push(`attributes.${key}`);
  }
  return fields;
}

/** The structural diff of two parsed pages (header and nodes). */
export function diffWebPages(before: WebPage, after: WebPage): WebPageDiff {
  const beforeNodes = keyed(before.nodes);
  const afterNodes = keyed(after.nodes);
  const added: WebNode[] = [];
  const removed: WebNode[] = [];
  const changed: WebNodeChange[] = [];
  let unchangedCount = 0;
  for (const [key, node] of afterNodes) {
    const old = beforeNodes.get(key);
    if (old === undefined) {
      added.push(node);
      continue;
    }
    const fields = changedFields(old, node);
    if (fields.length === 0) unchangedCount += 1;
    else changed.push({ key, before: old, after: node, fields });
  }
  for (const [key, node] of beforeNodes) if (!afterNodes.has(key)) removed.push(node);
  const urlChanged = (before.url ?? '') !== (after.url ?? '');
  const titleChanged = (before.title ?? '') !== (after.title ?? '');
  return {
    identical:
      !urlChanged && !titleChanged && added.length === 0 && removed.length === 0 && changed.length === 0,
    urlChanged,
    titleChanged,
    added,
    removed,
    changed,
    unchangedCount,
  };
}
