/** Snippets: one line of a page's text around the words a query matched, as a search engine shows them. */

const SNIPPET_LENGTH = 240;
const LEAD = 60;

/** Markdown reduced to running text: no heading marks, emphasis, code fences, table bars or list bullets. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/^```.*$/gm, ' ')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s*(?:[-*+]|\d+\.)\s+/gm, '')
    .replace(/^\s*>\s?/gm, '')
    .replace(/\*\*|__|`/g, '')
    .replace(/\s*\|\s*/g, ' ')
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The stretch of `text` (already plain, one line) of about 240 characters holding the most distinct `terms`
 * (words starting with a term, any case), cut at word boundaries with `...` where it was cut. Without a match,
 * the start of the text.
 */
export function snippetOf(text: string, terms: readonly string[]): string {
  const lower = text.toLowerCase();
  const hits: Array<{ at: number; term: number }> = [];
  for (const [index, term] of terms.entries()) {
    if (term.length === 0) continue;
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(term.toLowerCase())}`, 'gu');
    for (const match of lower.matchAll(pattern)) hits.push({ at: match.index, term: index });
  }
  hits.sort((a, b) => a.at - b.at || a.term - b.term);
  let bestStart = 0;
  let bestCount = 0;
  for (const [position, hit] of hits.entries()) {
    const seen = new Set<number>();
    for (let next = position; next < hits.length; next += 1) {
      const other = hits[next] as { at: number; term: number };
      if (other.at - hit.at > SNIPPET_LENGTH - LEAD) break;
      seen.add(other.term);
    }
    if (seen.size > bestCount) {
      bestCount = seen.size;
      bestStart = hit.at;
    }
  }
  return cut(text, bestCount === 0 ? 0 : Math.max(0, bestStart - LEAD));
}

function cut(text: string, from: number): string {
  let start = from;
  if (start > 0) {
    const sentence = text.lastIndexOf('. ', start);
    start = sentence !== -1 && start - sentence < LEAD ? sentence + 2 : text.indexOf(' ', start) + 1;
  }
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start + SNIPPET_LENGTH / 2) end = space;
  }
  const body = text.slice(start, end).trim();
  return `${start > 0 ? '...' : ''}${body}${end < text.length ? '...' : ''}`;
}
