/** One document of the built corpus, and where it came from (for the manifest). */
export interface BuiltDocument {
  readonly url: string;
  readonly title: string;
  readonly text: string;
  /** The file it was read from. */
  readonly source: string;
  /** The Debian package that owns the file. */
  readonly package: string;
}

/** The host every corpus URL lives on: the path after it is the file's path on the machine. */
export const CORPUS_HOST = 'https://debian.example';

/** A stable URL for a file: the corpus host, then the file path (without a trailing `.gz`). */
export function urlOfPath(path: string): string {
  return `${CORPUS_HOST}${path.replace(/\.gz$/, '')}`;
}

/** Collapses whitespace runs inside a line and drops blank-line runs longer than one. */
export function tidyMarkdown(markdown: string): string {
  return `${markdown
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

/** Sorts strings by code point (not locale), so the build does not depend on the machine's locale. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
