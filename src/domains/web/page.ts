/** One node of a page's accessibility tree, as either observation format shows it. */
export interface WebNode {
  /** The element id an action can name: a BrowserGym bid or a snapshot ref (`e12`); absent on plain nodes. */
  readonly id?: string;
  readonly role: string;
  /** The accessible name (empty when the node has none). */
  readonly name: string;
  /** Attributes after the name: `focused`, `level=1`, `checked=true`, `url=…` (flags map to `true`). */
  readonly attributes: Readonly<Record<string, string | true>>;
  /** Nesting depth, 0 for top-level nodes. */
  readonly depth: number;
  /** 1-based line of the node in the observation. */
  readonly line: number;
}

export interface WebTab {
  readonly index: number;
  readonly title: string;
  readonly url?: string;
  readonly active: boolean;
}

export type WebPageFormat = 'axtree' | 'aria-snapshot';

/** A parsed page observation: browser state header plus the nodes of the tree. */
export interface WebPage {
  readonly format: WebPageFormat;
  readonly url?: string;
  readonly title?: string;
  readonly tabs: readonly WebTab[];
  readonly nodes: readonly WebNode[];
  /** Whether the observation carries a page snapshot at all (a tab list or an error result may not). */
  readonly hasSnapshot: boolean;
  /** Where a Playwright MCP result says the page snapshot was written instead of showing it inline. */
  readonly snapshotFile?: string;
  /** Lines that fit neither the header nor the node form (blank lines excluded). */
  readonly unparsedLines: readonly string[];
}

/** The node carrying an id, if any. */
export function nodeById(page: WebPage, id: string): WebNode | undefined {
  return page.nodes.find((node) => node.id === id);
}

/** The ids of the page, in order. */
export function idsOf(page: WebPage): string[] {
  return page.nodes.flatMap((node) => (node.id === undefined ? [] : [node.id]));
}

/** Splits `key=value, flag, key='quoted value'` lists (commas inside quotes kept). */
export function parseAttributeList(text: string): Record<string, string | true> {
  const attributes: Record<string, string | true> = {};
  const pattern = /\s*([^=,\s][^=,]*?)\s*(?:=\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^,]*))?\s*(?:,|$)/gy;
  let match: RegExpExecArray | null = pattern.exec(text);
  while (match !== null && match[0].length > 0) {
    const key = (match[1] as string).trim();
    const raw = match[2];
    attributes[key] = raw === undefined ? true : unquote(raw.trim());
    match = pattern.exec(text);
  }
  return attributes;
}

/** Removes matching single or double quotes and their backslash escapes. */
export function unquote(text: string): string {
  const first = text[0];
  if (text.length >= 2 && (first === "'" || first === '"') && text.endsWith(first)) {
    return text.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  return text;
}
