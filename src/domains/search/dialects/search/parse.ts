/** One `[k] <url>` block of a `web_search` observation. */
export interface ParsedSearchResult {
  /** The number printed in brackets. */
  readonly index: number;
  /** The first token after the brackets (empty when the line has none). */
  readonly url: string;
  readonly title?: string;
  readonly snippet?: string;
  readonly date?: string;
}

const RESULT_HEAD = /^\s*\[(\d+)\]\s*(.*)$/;
const FIELD = /^\s*(Title|Snippet|Date)\s*:\s?(.*)$/i;

/** Removes one code fence wrapped around the whole text (some recorded observations come fenced). */
export function stripOuterFence(text: string): string {
  const trimmed = text.trim();
  const match = /^(`{3,})[^\n`]*\n([\s\S]*?)\n?\1\s*$/.exec(trimmed);
  return match?.[2] ?? text;
}

/**
 * Splits a search observation into its numbered result blocks. Lines before the first block are ignored;
 * lines inside a block other than Title/Snippet/Date are ignored too (a snippet may wrap onto them).
 */
export function parseSearchResults(observation: string): ParsedSearchResult[] {
  const results: ParsedSearchResult[] = [];
  let current: { index: number; url: string; title?: string; snippet?: string; date?: string } | undefined;
  for (const line of stripOuterFence(observation).split('\n')) {
    const head = RESULT_HEAD.exec(line);
    if (head) {
      if (current) results.push(current);
      const rest = (head[2] ?? '').trim();
      current = { index: Number(head[1]), url: rest.split(/\s+/)[0] ?? '' };
      continue;
    }
    const field = FIELD.exec(line);
    if (!current || !field) continue;
    const name = (field[1] ?? '').toLowerCase() as 'title' | 'snippet' | 'date';
    if (current[name] === undefined) current[name] = (field[2] ?? '').trim();
  }
  if (current) results.push(current);
  return results;
}
