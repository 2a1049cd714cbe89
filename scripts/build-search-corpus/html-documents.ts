import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import TurndownService from 'turndown';
import { type BuiltDocument, byCodePoint, tidyMarkdown, urlOfPath } from './corpus-document.js';
import { ownerOf } from './packages.js';

/** Pages left out: Node's `all.html` repeats every other page of its API docs. */
const SKIPPED = [/\/nodejs\/api\/all\.html$/];

/** Page chrome that is not content: side bars, table-of-contents blocks, heading anchors. */
const CHROME_IDS = new Set(['column2', 'gtoc', 'toc', 'navigation', 'sidebar']);
const CHROME_CLASSES = [
  'mark',
  'navheader',
  'navfooter',
  'navigation',
  'srclink',
  'skip-to-content',
  'copy-button',
];
const DROPPED_TAGS = new Set(['IMG', 'BUTTON', 'INPUT', 'SELECT', 'PICTURE', 'SVG']);

/** Every `.html` file under a folder, sorted by path; symbolic links are not followed. */
export function findHtmlFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
      byCodePoint(a.name, b.name),
    )) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && /\.html?$/i.test(entry.name) && !SKIPPED.some((skip) => skip.test(path))) {
        found.push(path);
      }
    }
  };
  walk(root);
  return found.sort(byCodePoint);
}

/** What the filters read of a DOM element (turndown's types name the browser's HTMLElement). */
interface ElementLike {
  readonly nodeName: string;
  readonly id?: string;
  readonly textContent?: string | null;
  readonly firstChild?: ElementLike | null;
  readonly childNodes?: ArrayLike<ElementLike>;
  getAttribute?(name: string): string | null;
}

function codeChildren(element: ElementLike): ElementLike[] {
  return Array.from(element.childNodes ?? []).filter((child) => child.nodeName === 'CODE');
}

function converter(): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    codeBlockStyle: 'fenced',
    bulletListMarker: '-',
    emDelimiter: '*',
  });
  service.remove(['script', 'style', 'noscript', 'nav', 'header', 'footer', 'head']);
  // Added last, so these come before turndown's own rules: chrome and images go, links keep their text only
  // (corpus pages point at files that are not all in the corpus).
  service.addRule('link-text', { filter: 'a', replacement: (content) => content });
  // Node's pages put two <code> flavours (CommonJS and ES modules) after a toggle in one <pre>: each becomes a
  // fenced block of its own.
  service.addRule('code-flavours', {
    filter: (node) => {
      const element = node as unknown as ElementLike;
      return (
        element.nodeName === 'PRE' &&
        codeChildren(element).length > 0 &&
        element.firstChild?.nodeName !== 'CODE'
      );
    },
    replacement: (_content, node) => {
      const blocks = codeChildren(node as unknown as ElementLike).map((code) => {
        const text = (code.textContent ?? '').replace(/\n$/, '');
        const language = /language-(\w+)/.exec(code.getAttribute?.('class') ?? '')?.[1] ?? '';
        const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((run) => run[0].length));
        const fence = '`'.repeat(longest + 1);
        return `${fence}${language}\n${text}\n${fence}`;
      });
      return `\n\n${blocks.join('\n\n')}\n\n`;
    },
  });
  service.addRule('chrome', {
    filter: (node) => {
      const element = node as unknown as ElementLike;
      if (DROPPED_TAGS.has(element.nodeName)) return true;
      const classes: string[] = (element.getAttribute?.('class') ?? '').split(/\s+/);
      return CHROME_IDS.has(element.id ?? '') || classes.some((name) => CHROME_CLASSES.includes(name));
    },
    replacement: () => '',
  });
  return service;
}

function titleOf(html: string, markdown: string, path: string): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const decoded = title === undefined ? '' : decodeEntities(title).replace(/\s+/g, ' ').trim();
  if (decoded !== '') return decoded;
  const heading = /^#{1,3} +(.+)$/m.exec(markdown)?.[1]?.trim();
  return heading ?? path.split('/').pop() ?? path;
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(Number.parseInt(code, 16)))
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** HTML pages under `/usr/share/doc` as Markdown documents. */
export function htmlDocuments(root: string, owners: ReadonlyMap<string, string>): BuiltDocument[] {
  const service = converter();
  const documents: BuiltDocument[] = [];
  for (const path of findHtmlFiles(root)) {
    if (statSync(path).size === 0) continue;
    const html = readFileSync(path, 'latin1').includes('charset=iso-8859-1')
      ? readFileSync(path, 'latin1')
      : readFileSync(path, 'utf8');
    const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
    const markdown = tidyMarkdown(service.turndown(body));
    if (markdown.trim().length < 80) continue;
    documents.push({
      url: urlOfPath(path),
      title: titleOf(html, markdown, path),
      text: markdown,
      source: path,
      package: ownerOf(owners, path),
    });
  }
  return documents;
}
