/** `web_extractor` answers: the corpus page as Markdown, or the domain's error text for a page it lacks. */
import { significantWords } from '../../../domains/search/dialects/search/index.js';
import type { CorpusDocument } from './corpus.js';

/** A page the corpus does not hold: the HTTP 404 text of the domain's `inaccessible-page` rendering. */
export function pageNotFound(url: string): string {
  return `Error: could not fetch ${url}: HTTP 404 Not Found. The page does not exist or has moved.`;
}

/** The page: its title as a `#` heading (unless the text starts with one), then the text. */
export function pageMarkdown(document: CorpusDocument): string {
  const text = document.text.trim();
  return /^# \S/.test(text) ? text : `# ${document.title}\n\n${text}`;
}

/**
 * What the extractor returns. Over `maxCharacters`, a `goal` keeps the page's first section and the sections
 * that mention the goal's words most (in page order, `[…]` where sections were left out); without a goal, or
 * when no section mentions it, the page is cut at `maxCharacters` and says so.
 */
export function renderPage(document: CorpusDocument, maxCharacters: number, goal?: string): string {
  const page = pageMarkdown(document);
  if (page.length <= maxCharacters) return page;
  const chosen = goal === undefined ? undefined : sectionsFor(page, goal, maxCharacters);
  if (chosen !== undefined) return chosen;
  const cut = page.lastIndexOf('\n', maxCharacters);
  const kept = page.slice(0, cut > maxCharacters / 2 ? cut : maxCharacters).trimEnd();
  return `${kept}\n\n[Content truncated: ${page.length - kept.length} more characters of this page are not shown.]`;
}

function sectionsFor(page: string, goal: string, maxCharacters: number): string | undefined {
  const sections = page.split(/\n(?=#{1,6} )/);
  const words = significantWords(goal);
  if (words.length === 0 || sections.length < 2) return undefined;
  const scored = sections.map((section, position) => {
    const lower = section.toLowerCase();
    return { position, score: words.filter((word) => lower.includes(word)).length, length: section.length };
  });
  const ranked = scored.slice(1).filter((section) => section.score > 0);
  if (ranked.length === 0) return undefined;
  ranked.sort((a, b) => b.score - a.score || a.position - b.position);
  const keep = new Set<number>([0]);
  let used = scored[0]?.length ?? 0;
  for (const section of ranked) {
    if (used + section.length > maxCharacters && keep.size > 1) continue;
    keep.add(section.position);
    used += section.length;
  }
  const parts: string[] = [];
  let last = -1;
  for (const position of [...keep].sort((a, b) => a - b)) {
    if (position !== last + 1) parts.push('[…]');
    parts.push((sections[position] as string).trimEnd());
    last = position;
  }
  if (last !== sections.length - 1) parts.push('[…]');
  const text = parts.join('\n\n');
  return text.length <= maxCharacters * 1.5 ? text : `${text.slice(0, maxCharacters).trimEnd()}\n\n[…]`;
}
