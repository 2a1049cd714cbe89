/**
 * The envelope of a `@playwright/mcp` tool result (0.0.86): markdown sections `### Title` in the server's fixed
 * order (Error, Result, Ran Playwright code, Open tabs, Page, Modal state, Snapshot, Events), each with its lines,
 * some inside a code fence (```js for the code, ```yaml for an inline snapshot). `browser_snapshot` inlines the
 * YAML; other tools link the snapshot file (`- [Snapshot](.playwright-mcp/page-<time>.yml)`).
 */
export interface PlaywrightSection {
  readonly title: string;
  readonly lines: readonly string[];
  /** The fence language the lines are wrapped in (`js`, `yaml`), if any. */
  readonly codeframe?: string;
}

/** Section titles the real server emits. */
export const PLAYWRIGHT_SECTION_TITLES: readonly string[] = [
  'Error',
  'Result',
  'Ran Playwright code',
  'Open tabs',
  'Page',
  'Modal state',
  'WebMCP tools',
  'Snapshot',
  'Events',
  'Paused',
];

const HEADER = /^### (.+)$/;
const FENCE_OPEN = /^```(\w+)$/;
/** The link form of a snapshot written to a file. */
export const SNAPSHOT_LINK = /^- \[Snapshot\]\((.+)\)$/;

/** Splits a result into its sections, or undefined when it does not start with a `### ` header. */
export function splitPlaywrightResult(text: string): PlaywrightSection[] | undefined {
  const lines = text.split('\n');
  if (!HEADER.test(lines[0] ?? '')) return undefined;
  const sections: PlaywrightSection[] = [];
  let index = 0;
  while (index < lines.length) {
    const title = HEADER.exec(lines[index] as string)?.[1];
    if (title === undefined) return undefined;
    index += 1;
    const fence = FENCE_OPEN.exec(lines[index] ?? '')?.[1];
    const body: string[] = [];
    if (fence !== undefined) {
      index += 1;
      while (index < lines.length && lines[index] !== '```') body.push(lines[index++] as string);
      index += 1;
      sections.push({ title, lines: body, codeframe: fence });
      continue;
    }
    while (index < lines.length && !HEADER.test(lines[index] as string)) body.push(lines[index++] as string);
    sections.push({ title, lines: body });
  }
  return sections;
}

/** Renders sections the way the real server joins them. */
export function renderPlaywrightResult(sections: readonly PlaywrightSection[]): string {
  const out: string[] = [];
  for (const section of sections) {
    out.push(`### ${section.title}`);
    if (section.codeframe !== undefined) out.push(`\`\`\`${section.codeframe}`, ...section.lines, '```');
    else out.push(...section.lines);
  }
  return out.join('\n');
}

/** The lines of a section, or undefined when the result has none. */
export function sectionLines(
  sections: readonly PlaywrightSection[],
  title: string,
): readonly string[] | undefined {
  return sections.find((section) => section.title === title)?.lines;
}

export interface PlaywrightPageState {
  readonly url: string;
  /** Omitted from the result when empty, as the real server does. */
  readonly title?: string;
  readonly httpStatus?: string;
  readonly console?: { readonly errors: number; readonly warnings: number };
}

/** The lines of a `### Page` section. */
export function playwrightPageLines(page: PlaywrightPageState): string[] {
  const lines = [`- Page URL: ${page.url}`];
  if (page.title) lines.push(`- Page Title: ${page.title}`);
  if (page.httpStatus !== undefined) lines.push(`- HTTP status: ${page.httpStatus}`);
  if (page.console !== undefined && (page.console.errors > 0 || page.console.warnings > 0)) {
    lines.push(`- Console: ${page.console.errors} errors, ${page.console.warnings} warnings`);
  }
  return lines;
}

/** A `browser_snapshot` result: the page section and the inline YAML snapshot. */
export function renderPlaywrightSnapshotResult(page: PlaywrightPageState, snapshot: string): string {
  return renderPlaywrightResult([
    { title: 'Page', lines: playwrightPageLines(page) },
    { title: 'Snapshot', lines: snapshot.split('\n'), codeframe: 'yaml' },
  ]);
}
