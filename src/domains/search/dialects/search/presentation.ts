/**
 * Harness presentations of search observations. The world model predicts the format of the Qwen-AgentWorld
 * template (qwen-agentworld-spec.md §1.2: `[k] <url>` / `Title:` / `Snippet:` / `Date:` blocks; the extractor's page
 * as Markdown). No public harness prints that layout; the two Qwen harnesses whose tools this dialect's tools
 * correspond to wrap results their own way, restated here in our words so a policy driven in its native harness
 * sees what that harness shows (fixtures.ts names files and commits):
 *
 * - Qwen-Agent (QwenLM/Qwen-Agent 31a4d36, qwen_agent/tools/web_search.py `WebSearch._format_results`): the whole
 *   list in a bare ``` fence, results joined by a blank line, each `[i]"<title>` newline `<snippet>"<date>` with the
 *   date glued to the closing quote (empty when the result has none). No URL is shown.
 * - Alibaba-NLP/DeepResearch (f72f75d, inference/tool_search.py `Search.google_search_with_serp`, `Search.call`):
 *   per query `A Google search for '<q>' found <n> results:`, a blank line, `## Web Results`, then the results
 *   joined by a blank line, each `<i>. [<title>](<url>)`, an optional `Date published: <date>` line, an optional
 *   `Source: <source>` line, then a newline and, when there is a snippet, a blank line and the snippet; the phrase
 *   "Your browser can't play this video." is cut from each result; several queries are joined by `\n=======\n`;
 *   a query without results gives `No results found for '<q>'. Try with a more general query.`
 * - DeepResearch's visit (inference/tool_visit.py `Visit.readpage_jina`, `Visit.call`): `The useful information in
 *   <url> for user goal <goal> as follows: ` and a blank line, `Evidence in page: ` newline `<evidence>`, a blank
 *   line, `Summary: ` newline `<summary>` and a blank line; several URLs are joined by `\n=======\n`; the whole
 *   text is then stripped of surrounding whitespace. A page that cannot be read gets fixed evidence and summary.
 */
import type { ParsedSearchResult } from './parse.js';

/** One search result as a harness shows it. `date` "N/A" (the world-model spelling of "none") counts as none. */
export interface PresentedResult {
  readonly url: string;
  readonly title: string;
  readonly snippet?: string;
  readonly date?: string;
  /** DeepResearch's `Source:` line (Serper's `source` field, set for news results); the world model has none. */
  readonly source?: string;
}

function dateOf(result: PresentedResult): string | undefined {
  const date = result.date?.trim();
  return date === undefined || date === '' || date.toUpperCase() === 'N/A' ? undefined : date;
}

/** The results of a parsed world-model observation, in the shape the presentations take. */
export function presentedResultsOf(results: readonly ParsedSearchResult[]): PresentedResult[] {
  return results.map((result) => ({
    url: result.url,
    title: result.title ?? '',
    ...(result.snippet === undefined ? {} : { snippet: result.snippet }),
    ...(result.date === undefined ? {} : { date: result.date }),
  }));
}

/** Qwen-Agent's `web_search` tool result for one query. */
export function qwenAgentWebSearchText(results: readonly PresentedResult[]): string {
  const blocks = results.map(
    (result, i) => `[${i + 1}]"${result.title}\n${result.snippet ?? ''}"${dateOf(result) ?? ''}`,
  );
  return `\`\`\`\n${blocks.join('\n\n')}\n\`\`\``;
}

/** DeepResearch's `search` text for one query. */
export function deepResearchQueryText(query: string, results: readonly PresentedResult[]): string {
  if (results.length === 0) return `No results found for '${query}'. Try with a more general query.`;
  const blocks = results.map((result, i) => {
    const date = dateOf(result);
    const text =
      `${i + 1}. [${result.title}](${result.url})` +
      (date === undefined ? '' : `\nDate published: ${date}`) +
      (result.source === undefined ? '' : `\nSource: ${result.source}`) +
      `\n${result.snippet === undefined ? '' : `\n${result.snippet}`}`;
    return text.replaceAll("Your browser can't play this video.", '');
  });
  return `A Google search for '${query}' found ${blocks.length} results:\n\n## Web Results\n${blocks.join('\n\n')}`;
}

/** DeepResearch's `search` tool result: one query's text, or several joined as its batch call joins them. */
export function deepResearchSearchText(
  queries: string | readonly { readonly query: string; readonly results: readonly PresentedResult[] }[],
  results?: readonly PresentedResult[],
): string {
  if (typeof queries === 'string') return deepResearchQueryText(queries, results ?? []);
  return queries.map((entry) => deepResearchQueryText(entry.query, entry.results)).join('\n=======\n');
}

/** One page as DeepResearch's summariser reports it; `undefined` evidence means the page could not be read. */
export interface VisitedPage {
  readonly url: string;
  readonly evidence?: string;
  readonly summary?: string;
}

export const DEEPRESEARCH_UNREADABLE_EVIDENCE =
  'The provided webpage content could not be accessed. Please check the URL or file format.';
export const DEEPRESEARCH_UNREADABLE_SUMMARY =
  'The webpage content could not be processed, and therefore, no information is available.';

function visitBlock(page: VisitedPage, goal: string): string {
  const readable = page.evidence !== undefined;
  return (
    `The useful information in ${page.url} for user goal ${goal} as follows: \n\n` +
    `Evidence in page: \n${readable ? page.evidence : DEEPRESEARCH_UNREADABLE_EVIDENCE}\n\n` +
    `Summary: \n${readable ? (page.summary ?? '') : DEEPRESEARCH_UNREADABLE_SUMMARY}\n\n`
  );
}

/** DeepResearch's `visit` tool result for one URL (a string `url`) or several (a list `url`). */
export function deepResearchVisitText(pages: VisitedPage | readonly VisitedPage[], goal: string): string {
  const text = Array.isArray(pages)
    ? (pages as readonly VisitedPage[]).map((page) => visitBlock(page, goal)).join('\n=======\n')
    : visitBlock(pages as VisitedPage, goal);
  return text.trim();
}

/** DeepResearch's answers to calls it cannot run (inference/tool_search.py, tool_visit.py, react_agent.py). */
export const DEEPRESEARCH_REFUSALS = {
  searchFormat: "[Search] Invalid request format: Input must be a JSON object containing 'query' field",
  visitFormat:
    "[Visit] Invalid request format: Input must be a JSON object containing 'url' and 'goal' fields",
  toolCallJson:
    'Error: Tool call is not a valid JSON. Tool call must contain a valid "name" and "arguments" field.',
  unknownTool: (name: string): string => `Error: Tool ${name} not found`,
} as const;
