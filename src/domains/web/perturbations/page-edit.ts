import { pythonRepr } from '../dialects/browsergym/index.js';
import type { WebDialect } from '../dialects/index.js';
import { renderPlaywrightResult, splitPlaywrightResult } from '../dialects/playwright-mcp/index.js';
import { idsOf, type WebPage } from '../page.js';
import { parseWebPage } from '../page-format.js';
import { ariaLines, axTreeLines, fallbackIdPrefix, IdAllocator, type PageNode } from './page-nodes.js';

/*
 * Deterministic edits of a page observation in either dialect: an overlay added on top of the page (a dialog,
 * a banner), or the whole page replaced by another one (an error page, a sign-in wall), keeping the browser
 * state lines (URL, title, tabs) in the dialect's own form.
 */

/** The first node line: `[bid] role …`, or BrowserGym's root, which has no bid. */
const AX_FIRST_NODE = /^\s*(?:\[[^\]\s]+\]\s+[A-Za-z]|RootWebArea\b)/;

export interface ReplacementPage {
  readonly url?: string | undefined;
  readonly title: string;
  readonly nodes: readonly PageNode[];
}

function allocatorFor(observation: string, dialect: WebDialect): IdAllocator {
  return new IdAllocator(idsOf(parseWebPage(observation, dialect)), fallbackIdPrefix(dialect));
}

/** The indentation unit of an accessibility tree: a tab when its lines use tabs, else two spaces. */
function axIndentUnit(lines: readonly string[]): string {
  return lines.some((line) => line.startsWith('\t')) ? '\t' : '  ';
}

function yamlBlockOf(lines: readonly string[]): { start: number; end: number } | undefined {
  const start = lines.findIndex((line) => /^\s*```ya?ml\s*$/.test(line));
  if (start < 0) return undefined;
  const end = lines.findIndex((line, index) => index > start && /^\s*```\s*$/.test(line));
  return end < 0 ? undefined : { start, end };
}

/** The page with `nodes` added on top of it, after everything else (where sites mount their dialogs). */
export function overlayOn(observation: string, dialect: WebDialect, nodes: readonly PageNode[]): string {
  const ids = allocatorFor(observation, dialect);
  const lines = observation.replace(/\s+$/, '').split('\n');
  if (dialect === 'playwright-mcp') {
    const block = yamlBlockOf(lines);
    const items = ariaLines(nodes, 0, ids);
    if (block === undefined) return withInlineSnapshot(lines.join('\n'), items);
    return [...lines.slice(0, block.end), ...items, ...lines.slice(block.end)].join('\n');
  }
  const unit = axIndentUnit(lines);
  const root = lines.find((line) => AX_FIRST_NODE.test(line));
  const rootIndent = root === undefined ? '' : (/^\s*/.exec(root)?.[0] ?? '');
  const depth = root === undefined ? 0 : 1;
  const added = axTreeLines(nodes, depth, unit, ids).map((line) => `${rootIndent}${line}`);
  return [...lines, ...added].join('\n');
}

function replaceAxTree(observation: string, page: ReplacementPage): string {
  const lines = observation.replace(/\s+$/, '').split('\n');
  const firstNode = lines.findIndex((line) => AX_FIRST_NODE.test(line));
  const header = (firstNode < 0 ? [] : lines.slice(0, firstNode)).filter((line) => line.trim().length > 0);
  let sawUrl = false;
  let sawTitle = false;
  const newHeader = header.map((line) => {
    if (/^\s*URL:/i.test(line)) {
      sawUrl = true;
      return page.url === undefined ? line : `URL: ${page.url}`;
    }
    if (/^\s*Title:/i.test(line)) {
      sawTitle = true;
      return `Title: ${page.title}`;
    }
    if (/^\s*Tab\s+\d+\s*\(active(?: tab)?\)/i.test(line)) return line.replace(/:\s*.*$/, `: ${page.title}`);
    return line;
  });
  if (!sawUrl && page.url !== undefined) newHeader.push(`URL: ${page.url}`);
  if (!sawTitle) newHeader.push(`Title: ${page.title}`);
  const ids = allocatorFor(observation, 'browsergym');
  const unit = axIndentUnit(lines);
  const oldRoot = firstNode < 0 ? undefined : lines[firstNode];
  if (oldRoot !== undefined && /^\s*RootWebArea\b/.test(oldRoot)) {
    // BrowserGym's root: no bid, its URL as a property.
    const url = page.url === undefined ? '' : `, url=${pythonRepr(page.url)}`;
    const root = `RootWebArea ${pythonRepr(page.title)}, focused${url}`;
    return [...newHeader, '', root, ...axTreeLines(page.nodes, 1, unit, ids)].join('\n');
  }
  const root: PageNode = {
    role: 'RootWebArea',
    name: page.title,
    attributes: { focused: true },
    children: page.nodes,
  };
  return [...newHeader, '', ...axTreeLines([root], 0, unit, ids)].join('\n');
}

function replaceAriaSnapshot(observation: string, page: ReplacementPage): string {
  const ids = allocatorFor(observation, 'playwright-mcp');
  const lines = observation.replace(/\s+$/, '').split('\n');
  const snapshot = ariaLines(
    [{ role: 'generic', attributes: { active: true }, children: page.nodes }],
    0,
    ids,
  );
  let sawUrl = false;
  let sawTitle = false;
  const rewritten = lines.map((line) => {
    if (/^\s*-?\s*Page URL:/.test(line)) {
      sawUrl = true;
      return page.url === undefined ? line : line.replace(/Page URL:.*$/, `Page URL: ${page.url}`);
    }
    if (/^\s*-?\s*Page Title:/.test(line)) {
      sawTitle = true;
      return line.replace(/Page Title:.*$/, `Page Title: ${page.title}`);
    }
    const tab = /^(\s*-\s*\d+:\s*\(current\)\s*)\[.*\]\((.*)\)\s*$/.exec(line);
    if (tab !== null) return `${tab[1]}[${page.title}](${page.url ?? tab[2]})`;
    return line;
  });
  const block = yamlBlockOf(rewritten);
  if (block !== undefined) {
    return [...rewritten.slice(0, block.start + 1), ...snapshot, ...rewritten.slice(block.end)].join('\n');
  }
  const sections = splitPlaywrightResult(rewritten.join('\n')) ?? [];
  const pageSection = sections.find((section) => section.title === 'Page');
  const pageLines = [
    ...(pageSection?.lines ?? []),
    ...(sawUrl || page.url === undefined ? [] : [`- Page URL: ${page.url}`]),
    ...(sawTitle ? [] : [`- Page Title: ${page.title}`]),
  ];
  const rest = sections.filter((section) => section.title !== 'Page' && section.title !== 'Snapshot');
  return renderPlaywrightResult([
    ...rest.filter((section) => section.title !== 'Events'),
    { title: 'Page', lines: pageLines },
    { title: 'Snapshot', lines: snapshot, codeframe: 'yaml' },
    ...rest.filter((section) => section.title === 'Events'),
  ]);
}

/** A sectioned result whose snapshot (a file link, or none) is replaced by these YAML lines shown inline. */
function withInlineSnapshot(observation: string, items: readonly string[]): string {
  const sections = splitPlaywrightResult(observation);
  if (sections === undefined) {
    return renderPlaywrightResult([{ title: 'Snapshot', lines: items, codeframe: 'yaml' }]);
  }
  const kept = sections.filter((section) => section.title !== 'Snapshot');
  const at = kept.findIndex((section) => section.title === 'Events');
  const snapshot = { title: 'Snapshot', lines: items, codeframe: 'yaml' };
  return renderPlaywrightResult(
    at < 0 ? [...kept, snapshot] : [...kept.slice(0, at), snapshot, ...kept.slice(at)],
  );
}

/** The observation with its page replaced by another one (URL and title lines updated). */
export function replacePage(observation: string, dialect: WebDialect, page: ReplacementPage): string {
  return dialect === 'playwright-mcp'
    ? replaceAriaSnapshot(observation, page)
    : replaceAxTree(observation, page);
}

export function readPage(observation: string, dialect: WebDialect): WebPage {
  return parseWebPage(observation, dialect);
}

/** Everything readable on a page: title, accessible names and inline texts, one per line. */
export function pageText(page: WebPage): string {
  const parts = [page.title ?? ''];
  for (const node of page.nodes) {
    parts.push(node.name);
    const inline = node.attributes.text;
    if (typeof inline === 'string') parts.push(inline);
  }
  return parts.filter((part) => part.length > 0).join('\n');
}

/** Whether some node has a role matching `role` and an accessible name (or inline text) matching `name`. */
export function hasNode(page: WebPage, role: RegExp, name: RegExp): boolean {
  return page.nodes.some((node) => {
    if (!role.test(node.role)) return false;
    const inline = node.attributes.text;
    return name.test(node.name) || (typeof inline === 'string' && name.test(inline));
  });
}

/** Where the observation's page is: its URL, origin (`http://host:port`) and path with query. */
export function pageLocation(
  observation: string,
  dialect: WebDialect,
): { url: string | undefined; origin: string | undefined; path: string } {
  const url = parseWebPage(observation, dialect).url;
  return { url, origin: originOf(url), path: pathOf(url) };
}

function originOf(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.origin === 'null' ? undefined : parsed.origin;
  } catch {
    return undefined;
  }
}

function pathOf(url: string | undefined): string {
  if (url === undefined) return '/';
  try {
    const parsed = new URL(url);
    return `${parsed.pathname}${parsed.search}`;
  } catch {
    return '/';
  }
}
