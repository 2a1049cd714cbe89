import type { WebNode, WebPage, WebTab } from '../../page.js';
import { PLAYWRIGHT_SECTION_TITLES, SNAPSHOT_LINK, sectionLines, splitPlaywrightResult } from './render.js';

/**
 * Parses what the Playwright MCP tools return: a markdown result of `### ` sections (render.ts) with
 * the page URL and title under `### Page` (`- Page URL: …`, `- Page Title: …`), the open tabs under `### Open
 * tabs` or, for `browser_tabs`, `### Result` (`- 0: (current) [Title](url)`), and under `### Snapshot` either the
 * page as a YAML block of ARIA nodes (`- role "name" [attr] [ref=eN]:` with children indented by two spaces,
 * `- /url: …` properties and `- text: …` leaves) or a link to the file holding it. A bare snapshot (only YAML
 * lines) is read too.
 */
const URL_LINE = /^\s*-?\s*Page URL:\s*(\S*)\s*$/;
const TITLE_LINE = /^\s*-?\s*Page Title:\s*(.*)$/;
const TAB_LINE = /^\s*-\s*(\d+):\s*(\(current\)\s*)?\[(.*)\]\((.*)\)\s*$/;
const ITEM_LINE = /^(\s*)- (.*)$/;
const KEY_PATTERN =
  /^([A-Za-z][\w-]*)(?:\s+("(?:[^"\\]|\\.)*"|\/(?:[^/\\]|\\.)*\/))?((?:\s*\[[^\]]*\])*)\s*$/;

/** Splits a YAML item into its key and the value after `:` (undefined when there is no colon). */
function splitItem(item: string): { key: string; value: string | undefined } {
  if (item.startsWith("'")) {
    let index = 1;
    let key = '';
    while (index < item.length) {
      const char = item[index] as string;
      if (char === "'" && item[index + 1] === "'") {
        key += "'";
        index += 2;
        continue;
      }
      if (char === "'") break;
      key += char;
      index += 1;
    }
    const rest = item.slice(index + 1).trim();
    return { key, value: rest.startsWith(':') ? rest.slice(1).trim() : undefined };
  }
  // The key ends at the first colon outside quotes and brackets.
  let quote: string | undefined;
  let brackets = 0;
  for (let index = 0; index < item.length; index++) {
    const char = item[index] as string;
    if (quote !== undefined) {
      if (char === '\\') index += 1;
      else if (char === quote) quote = undefined;
    } else if (char === '"') quote = char;
    else if (char === '[') brackets += 1;
    else if (char === ']') brackets = Math.max(0, brackets - 1);
    else if (char === ':' && brackets === 0 && (item[index + 1] === undefined || item[index + 1] === ' ')) {
      return { key: item.slice(0, index).trim(), value: item.slice(index + 1).trim() };
    }
  }
  return { key: item.trim(), value: undefined };
}

function readName(raw: string | undefined): string {
  if (raw === undefined) return '';
  if (raw.startsWith('"')) {
    try {
      return JSON.parse(raw) as string;
    } catch {
      return raw.slice(1, -1);
    }
  }
  return raw;
}

function readAttributes(text: string): Record<string, string | true> {
  const attributes: Record<string, string | true> = {};
  for (const match of text.matchAll(/\[([^\]=]+)(?:=([^\]]*))?\]/g)) {
    attributes[(match[1] as string).trim()] = match[2] === undefined ? true : match[2];
  }
  return attributes;
}

function snapshotLines(text: string): { lines: string[]; offset: number; fenced: boolean } {
  const all = text.split('\n');
  const start = all.findIndex((line) => /^\s*```ya?ml\s*$/.test(line));
  if (start >= 0) {
    const end = all.findIndex((line, index) => index > start && /^\s*```\s*$/.test(line));
    return { lines: all.slice(start + 1, end < 0 ? undefined : end), offset: start + 1, fenced: true };
  }
  return { lines: all, offset: 0, fenced: false };
}

function tabsOf(lines: readonly string[]): WebTab[] {
  const tabs: WebTab[] = [];
  for (const line of lines) {
    const tabMatch = TAB_LINE.exec(line);
    if (tabMatch !== null) {
      tabs.push({
        index: Number(tabMatch[1]),
        title: tabMatch[3] as string,
        url: tabMatch[4] as string,
        active: tabMatch[2] !== undefined,
      });
    }
  }
  return tabs;
}

/** A result in the sectioned form of the real server. */
function parseSectionedResult(text: string): WebPage | undefined {
  const sections = splitPlaywrightResult(text);
  if (sections === undefined) return undefined;
  const pageLines = sectionLines(sections, 'Page') ?? [];
  const url = pageLines.map((line) => URL_LINE.exec(line)?.[1]).find((value) => value !== undefined);
  const title = pageLines
    .map((line) => TITLE_LINE.exec(line)?.[1]?.trim())
    .find((value) => value !== undefined);
  const tabs = tabsOf(sectionLines(sections, 'Open tabs') ?? sectionLines(sections, 'Result') ?? []);
  const snapshot = sections.find((section) => section.title === 'Snapshot');
  const link =
    snapshot?.codeframe === undefined ? SNAPSHOT_LINK.exec(snapshot?.lines[0] ?? '')?.[1] : undefined;
  const unknown = sections.filter((section) => !PLAYWRIGHT_SECTION_TITLES.includes(section.title));
  let nodes: readonly WebNode[] = [];
  let unparsed: string[] = unknown.map((section) => `### ${section.title}`);
  if (snapshot?.codeframe === 'yaml') {
    const start = text.split('\n').indexOf('```yaml');
    const parsed = parseAriaSnapshot(snapshot.lines.join('\n'));
    nodes = parsed.nodes.map((node) => ({ ...node, line: node.line + start + 1 }));
    unparsed = [...unparsed, ...parsed.unparsedLines];
  }
  return {
    format: 'aria-snapshot',
    ...(url === undefined ? {} : { url }),
    ...(url === undefined ? {} : { title: title ?? '' }),
    tabs,
    nodes,
    hasSnapshot: nodes.length > 0,
    ...(link === undefined ? {} : { snapshotFile: link }),
    unparsedLines: unparsed,
  };
}

export function parseAriaSnapshot(text: string): WebPage {
  const sectioned = parseSectionedResult(text);
  if (sectioned !== undefined) return sectioned;
  let url: string | undefined;
  let title: string | undefined;
  const tabs: WebTab[] = [];
  for (const line of text.split('\n')) {
    const urlMatch = URL_LINE.exec(line);
    if (urlMatch !== null) url ??= urlMatch[1] as string;
    const titleMatch = TITLE_LINE.exec(line);
    if (titleMatch !== null) title ??= (titleMatch[1] as string).trim();
    const tabMatch = TAB_LINE.exec(line);
    if (tabMatch !== null) {
      tabs.push({
        index: Number(tabMatch[1]),
        title: tabMatch[3] as string,
        url: tabMatch[4] as string,
        active: tabMatch[2] !== undefined,
      });
    }
  }
  const { lines, offset, fenced } = snapshotLines(text);
  const nodes: Array<WebNode & { attributes: Record<string, string | true> }> = [];
  const unparsed: string[] = [];
  let sawItem = false;
  lines.forEach((raw, index) => {
    const line = raw.replace(/\s+$/, '');
    if (line.trim().length === 0) return;
    if (
      !fenced &&
      (URL_LINE.test(line) ||
        TITLE_LINE.test(line) ||
        TAB_LINE.test(line) ||
        /^\s*(?:#|-\s*Page Snapshot:)/.test(line) ||
        /^\s*```/.test(line))
    ) {
      return;
    }
    const item = ITEM_LINE.exec(line);
    if (item === null) {
      if (fenced || sawItem) unparsed.push(line);
      return;
    }
    sawItem = true;
    const depth = Math.floor((item[1] as string).length / 2);
    const { key, value } = splitItem(item[2] as string);
    if (key.startsWith('/')) {
      const parent = [...nodes].reverse().find((node) => node.depth < depth);
      if (parent !== undefined) parent.attributes[key.slice(1)] = value ?? '';
      return;
    }
    if (key === 'text') {
      nodes.push({ role: 'text', name: value ?? '', attributes: {}, depth, line: offset + index + 1 });
      return;
    }
    const match = KEY_PATTERN.exec(key);
    if (match === null) {
      unparsed.push(line);
      return;
    }
    const attributes = readAttributes(match[3] ?? '');
    const ref = attributes.ref;
    delete attributes.ref;
    if (value !== undefined && value.length > 0) attributes.text = value.replace(/^"(.*)"$/, '$1');
    nodes.push({
      ...(typeof ref === 'string' ? { id: ref } : {}),
      role: match[1] as string,
      name: readName(match[2]),
      attributes,
      depth,
      line: offset + index + 1,
    });
  });
  return {
    format: 'aria-snapshot',
    ...(url === undefined ? {} : { url }),
    ...(title === undefined ? {} : { title }),
    tabs,
    nodes,
    hasSnapshot: nodes.length > 0,
    unparsedLines: unparsed,
  };
}

/** Whether a tool result reports an error instead of a page (`### Error`, `Error:` …). */
export function isPlaywrightErrorResult(text: string): boolean {
  return /^\s*(?:###\s*Error\b|Error:)/m.test(text);
}
