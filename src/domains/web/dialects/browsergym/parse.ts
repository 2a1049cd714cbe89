import { parseAttributeList, type WebNode, type WebPage, type WebTab } from '../../page.js';
import { readPythonString } from './python-repr.js';

/**
 * Parses the accessibility tree text BrowserGym agents read: an optional `Last action error: …` line (errors.ts),
 * optional browser-state lines (`URL: …`,
 * `Title: …`, `Tab 0 (active tab): <title>`), then one indented line per node as BrowserGym's flattening writes
 * it (flatten.ts): `[bid] role 'name' value='…', attributes` (no bid on the root and on plain
 * nodes such as StaticText; names and values as Python reprs). Indentation by tabs or by two spaces.
 */
const NODE_LINE =
  /^(\s*)(?:\[([^\]\s]+)\]\s+)?([A-Za-z][\w-]*)(?:\s+('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"))?(?:\s+value=('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^,\s]+))?\s*(?:,\s*(.*))?$/;
const URL_LINE = /^\s*(?:#+\s*)?(?:current (?:page )?)?url:\s*(\S+)\s*$/i;
const TITLE_LINE = /^\s*(?:#+\s*)?(?:current (?:page )?)?title:\s*(.*)$/i;
const TAB_LINE = /^\s*tab\s+(\d+)\s*(\(active(?: tab)?\))?\s*:?\s*(.*)$/i;
const ERROR_LINE = /^\s*Last action error:\s/;
const HEADING_LINE = /^\s*#+\s|^\s*(?:accessibility tree|axtree|open tabs|currently open tabs)\s*:?\s*$/i;

function depthOf(indent: string): number {
  const tabs = indent.split('\t').length - 1;
  const spaces = indent.replaceAll('\t', '').length;
  return tabs + Math.floor(spaces / 2);
}

export function parseAxTree(text: string): WebPage {
  const nodes: WebNode[] = [];
  const tabs: WebTab[] = [];
  const unparsed: string[] = [];
  let url: string | undefined;
  let title: string | undefined;
  let baseDepth: number | undefined;
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const line = raw.replace(/\s+$/, '');
    if (line.trim().length === 0) return;
    const urlMatch = URL_LINE.exec(line);
    if (urlMatch !== null && nodes.length === 0) {
      const value = urlMatch[1] as string;
      url ??= value;
      const last = tabs[tabs.length - 1];
      if (last !== undefined && last.url === undefined) tabs[tabs.length - 1] = { ...last, url: value };
      return;
    }
    const titleMatch = TITLE_LINE.exec(line);
    if (titleMatch !== null && nodes.length === 0) {
      const value = (titleMatch[1] as string).trim();
      const last = tabs[tabs.length - 1];
      if (last !== undefined && last.title === '') tabs[tabs.length - 1] = { ...last, title: value };
      else title ??= value;
      return;
    }
    const tabMatch = TAB_LINE.exec(line);
    if (tabMatch !== null && nodes.length === 0) {
      tabs.push({
        index: Number(tabMatch[1]),
        title: (tabMatch[3] as string).trim(),
        active: tabMatch[2] !== undefined,
      });
      return;
    }
    if ((HEADING_LINE.test(line) || ERROR_LINE.test(line)) && nodes.length === 0) return;
    const match = NODE_LINE.exec(line);
    if (match === null) {
      unparsed.push(line);
      return;
    }
    const depth = depthOf(match[1] as string);
    baseDepth ??= depth;
    const node: WebNode = {
      ...(match[2] === undefined ? {} : { id: match[2] }),
      role: match[3] as string,
      name: match[4] === undefined ? '' : readName(match[4]),
      attributes: {
        ...(match[5] === undefined ? {} : { value: readName(match[5]) }),
        ...(match[6] === undefined ? {} : parseAttributeList(match[6])),
      },
      depth: Math.max(0, depth - baseDepth),
      line: index + 1,
    };
    nodes.push(node);
  });
  const activeTab = tabs.find((tab) => tab.active) ?? (tabs.length === 1 ? tabs[0] : undefined);
  const pageUrl = url ?? activeTab?.url;
  const pageTitle = title ?? activeTab?.title ?? rootTitle(nodes);
  return {
    format: 'axtree',
    ...(pageUrl === undefined ? {} : { url: pageUrl }),
    ...(pageTitle === undefined ? {} : { title: pageTitle }),
    tabs,
    nodes,
    hasSnapshot: nodes.length > 0,
    unparsedLines: unparsed,
  };
}

/** A quoted name or value as Python's repr writes it (BrowserGym), or as written by hand. */
function readName(literal: string): string {
  return /^['"]/.test(literal) ? readPythonString(literal) : literal;
}

function rootTitle(nodes: readonly WebNode[]): string | undefined {
  const root = nodes[0];
  return root !== undefined && root.role === 'RootWebArea' ? root.name : undefined;
}
