import type { WebDialect } from '../dialects/index.js';

/**
 * A dialect-neutral description of the elements a perturbation adds to a page: rendered as BrowserGym
 * accessibility-tree lines (`[bid] role 'name', attributes`) or as Playwright ARIA snapshot items
 * (`- role "name" [attribute] [ref=eN]:`).
 */
export interface PageNode {
  readonly role: string;
  readonly name?: string;
  /** `level=1`, flags such as `checked` (true). */
  readonly attributes?: Readonly<Record<string, string | true>>;
  /** A link target. */
  readonly url?: string;
  readonly children?: readonly PageNode[];
}

/** A plain text node: `StaticText '…'` in an accessibility tree, `- text: …` in a snapshot; it takes no id. */
export function text(value: string): PageNode {
  return { role: 'text', name: value };
}

export function element(role: string, name: string, extra: Omit<PageNode, 'role' | 'name'> = {}): PageNode {
  return { role, name, ...extra };
}

/**
 * Hands out element ids the page does not use yet, in the page's own style: the prefix and numbering of its
 * last id (`f1e16` → `f1e17`, `145` → `146`, `e9` → `e10`).
 */
export class IdAllocator {
  private readonly used: Set<string>;
  private readonly prefix: string;
  private next: number;

  constructor(existing: readonly string[], fallbackPrefix: string) {
    this.used = new Set(existing);
    const pattern = /^(.*?)(\d+)$/;
    const last = [...existing].reverse().find((id) => pattern.test(id));
    const match = last === undefined ? null : pattern.exec(last);
    this.prefix = match === null ? fallbackPrefix : (match[1] as string);
    let highest = 0;
    for (const id of existing) {
      const parts = pattern.exec(id);
      if (parts !== null && parts[1] === this.prefix) highest = Math.max(highest, Number(parts[2]));
    }
    this.next = highest + 1;
  }

  take(): string {
    let id = `${this.prefix}${this.next}`;
    while (this.used.has(id)) {
      this.next += 1;
      id = `${this.prefix}${this.next}`;
    }
    this.used.add(id);
    this.next += 1;
    return id;
  }
}

/** Quotes a name as BrowserGym does (Python's repr): double quotes when it holds a single quote but no double. */
function axQuote(value: string): string {
  const escaped = value.replaceAll('\\', '\\\\');
  if (value.includes("'") && !value.includes('"')) return `"${escaped}"`;
  return `'${escaped.replaceAll("'", "\\'")}'`;
}

function axAttribute(key: string, value: string | true): string {
  if (value === true) return key;
  return /^(?:-?\d+(?:\.\d+)?|true|false)$/.test(value) ? `${key}=${value}` : `${key}=${axQuote(value)}`;
}

/** Accessibility-tree lines of the nodes, starting at `depth`, with `indent` per level. */
export function axTreeLines(
  nodes: readonly PageNode[],
  depth: number,
  indent: string,
  ids: IdAllocator,
): string[] {
  const lines: string[] = [];
  for (const node of nodes) {
    const pad = indent.repeat(depth);
    if (node.role === 'text') {
      lines.push(`${pad}StaticText ${axQuote(node.name ?? '')}`);
      continue;
    }
    // BrowserGym leaves `level` out and writes every name but a nameless generic's, '' when empty.
    const attributes = Object.entries(node.attributes ?? {})
      .filter(([key]) => key !== 'level')
      .map(([key, value]) => axAttribute(key, value));
    if (node.url !== undefined) attributes.push(axAttribute('url', node.url));
    const unnamed = node.name === undefined || node.name === '';
    const name = unnamed && node.role === 'generic' ? '' : ` ${axQuote(node.name ?? '')}`;
    lines.push(
      `${pad}[${ids.take()}] ${node.role}${name}${attributes.length > 0 ? `, ${attributes.join(', ')}` : ''}`,
    );
    lines.push(...axTreeLines(node.children ?? [], depth + 1, indent, ids));
  }
  return lines;
}

function yamlScalar(value: string): string {
  return /^[\s\-?:,[\]{}#&*!|>'"%@`]|: |#|\s$/.test(value) ? JSON.stringify(value) : value;
}

/** ARIA snapshot items of the nodes, starting at `depth` (two spaces per level). */
export function ariaLines(nodes: readonly PageNode[], depth: number, ids: IdAllocator): string[] {
  const lines: string[] = [];
  for (const node of nodes) {
    const pad = '  '.repeat(depth);
    if (node.role === 'text') {
      lines.push(`${pad}- text: ${yamlScalar(node.name ?? '')}`);
      continue;
    }
    const attributes = Object.entries(node.attributes ?? {})
      .map(([key, value]) => (value === true ? ` [${key}]` : ` [${key}=${value}]`))
      .join('');
    const name = node.name === undefined || node.name === '' ? '' : ` ${JSON.stringify(node.name)}`;
    const children = node.children ?? [];
    const cursor = node.role === 'link' ? ' [cursor=pointer]' : '';
    const opens = children.length > 0 || node.url !== undefined;
    lines.push(`${pad}- ${node.role}${name}${attributes} [ref=${ids.take()}]${cursor}${opens ? ':' : ''}`);
    if (node.url !== undefined) lines.push(`${pad}  - /url: ${node.url}`);
    lines.push(...ariaLines(children, depth + 1, ids));
  }
  return lines;
}

export function fallbackIdPrefix(dialect: WebDialect): string {
  return dialect === 'playwright-mcp' ? 'e' : '';
}
