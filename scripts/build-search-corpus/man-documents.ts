import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { type BuiltDocument, byCodePoint, tidyMarkdown, urlOfPath } from './corpus-document.js';
import { ownerOf } from './packages.js';

const run = promisify(execFile);
/** A character followed by a backspace: the bold and underline of terminal output. */
const OVERSTRIKE = new RegExp(`.${String.fromCharCode(8)}`, 'g');

/** Regular man page files of some sections (`/usr/share/man/man<N>`), sorted; `.so` redirects left out. */
export function findManPages(root: string, sections: readonly string[]): string[] {
  const pages: string[] = [];
  for (const section of sections) {
    const folder = join(root, `man${section}`);
    let entries: string[] = [];
    try {
      entries = readdirSync(folder, { withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name);
    } catch {
      continue;
    }
    for (const name of entries) {
      const path = join(folder, name);
      const raw = readFileSync(path);
      const source = (name.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
      if (/^\s*\.so\s/.test(source) && source.trim().split('\n').length <= 2) continue;
      pages.push(path);
    }
  }
  return pages.sort(byCodePoint);
}

/** Renders one page as plain text with man-db, one unbroken line per paragraph. */
async function renderManPage(path: string): Promise<string> {
  const { stdout } = await run('man', ['-l', '-E', 'UTF-8', '--no-hyphenation', '--no-justification', path], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      MANWIDTH: '1000',
      LANG: 'C.UTF-8',
      MAN_KEEP_FORMATTING: '',
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout.replace(OVERSTRIKE, '');
}

/**
 * Plain `man` text as Markdown: the page's section names become `##` headings, indented sub-headings `###`,
 * tag lines (an option before its description) bold, and the running header and footer lines are dropped.
 */
export function manTextToMarkdown(text: string, heading: string): string {
  const lines = text.replace(/\s+$/, '').split('\n');
  const first = lines.findIndex((line) => line.trim() !== '');
  if (first !== -1) lines.splice(first, 1);
  if (lines.length > 0) lines.pop();
  const output = [`# ${heading}`, ''];
  for (const [position, line] of lines.entries()) {
    const indent = /^ */.exec(line)?.[0].length ?? 0;
    const content = line.trim().replace(/ {2,}/g, ' ');
    if (content === '') {
      output.push('');
    } else if (indent === 0) {
      output.push('', `## ${content}`, '');
    } else if (indent === 3) {
      output.push('', `### ${content}`, '');
    } else {
      const next = lines[position + 1] ?? '';
      const nextIndent = /^ */.exec(next)?.[0].length ?? 0;
      const isTag = next.trim() !== '' && nextIndent > indent && content.length < 120;
      output.push(isTag ? `**${content.replace(/\*/g, '\\*')}**` : content);
    }
  }
  return tidyMarkdown(output.join('\n'));
}

function manTitle(path: string, markdown: string): { name: string; title: string } {
  const file = path.split('/').pop() ?? path;
  const match = /^(.+)\.([0-9][a-z0-9]*)(?:\.gz)?$/i.exec(file);
  const name = match === null ? file : `${match[1]}(${match[2]})`;
  const summary = /^## NAME\n\n(.+)$/m.exec(markdown)?.[1]?.trim();
  const dash = summary
    ?.split(/ [-—–] /)
    .slice(1)
    .join(' - ')
    .trim();
  return { name, title: dash === undefined || dash === '' ? name : `${name} - ${dash}` };
}

/** Man pages of the given sections, rendered to Markdown, `concurrency` pages at a time. */
export async function manDocuments(
  root: string,
  sections: readonly string[],
  owners: ReadonlyMap<string, string>,
  concurrency = 4,
): Promise<BuiltDocument[]> {
  const pages = findManPages(root, sections);
  const results: Array<BuiltDocument | undefined> = new Array(pages.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < pages.length) {
      const position = next;
      next += 1;
      const path = pages[position] as string;
      let text = '';
      try {
        text = await renderManPage(path);
      } catch {
        continue;
      }
      const draft = manTextToMarkdown(text, '');
      const { name, title } = manTitle(path, draft);
      const markdown = manTextToMarkdown(text, title);
      if (markdown.length < 120) continue;
      results[position] = {
        url: urlOfPath(path),
        title: title === name ? `${name} manual page` : title,
        text: markdown,
        source: path,
        package: ownerOf(owners, path),
      };
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results.filter((document): document is BuiltDocument => document !== undefined);
}
