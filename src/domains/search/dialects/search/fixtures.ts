/**
 * Conformance fixtures of the search dialect. Three sources, which disagree; the spec decides the world-model
 * observation, the harness sources their own presentations (presentation.ts):
 *
 * - The Qwen-AgentWorld template (qwen-agentworld-spec.md §1.2): the tools web_search (`query` or `queries`),
 *   web_extractor (`url`) and dict_memory; the search observation as `[k] <url>` / `Title:` / `Snippet:` / `Date:`
 *   blocks (`Date: N/A` when undated); dict_memory's confirmations. No public harness source of this layout or
 *   of dict_memory was found (searched: Qwen-Agent, DeepResearch and its WebAgent family, public code for
 *   "dict_memory" and "web_extractor"), so SPEC_SEARCH_OBSERVATION and the dict_memory calls restate the spec text.
 * - Qwen-Agent, QwenLM/Qwen-Agent 31a4d36d123688581a9e9744427272b33ce940e0: qwen_agent/tools/web_search.py (tool
 *   `web_search`, parameters `{query: string}` required, `_format_results`), qwen_agent/tools/web_extractor.py
 *   (tool `web_extractor`, `{url: string}` required, the page text from SimpleDocParser), qwen_agent/tools/base.py
 *   `_verify_json_format_args` (arguments checked with jsonschema against those parameters; no
 *   additionalProperties rule, so extra arguments pass).
 * - Alibaba-NLP/DeepResearch f72f75d8c3eb842f2bbbab096a12206ff66e270f: inference/tool_search.py (tool `search`,
 *   `query` a string or a list), inference/tool_visit.py (tool `visit`, `url` a string or a list, `goal` required;
 *   the extractor's "The useful information in …" text), inference/react_agent.py (calls read with json5 from
 *   `<tool_call>`; results wrapped in `<tool_response>\n…\n</tool_response>`; `Error: Tool <name> not found`).
 *
 * Where they differ, nothing in the parser was changed unless the spec and a source agree (DIFFERENCES lists
 * them).
 */
import type { PresentedResult, VisitedPage } from './presentation.js';

/** Three results of one query, as the world model writes them (spec §1.2 layout). */
export const SPEC_SEARCH_OBSERVATION = [
  '[1] https://en.wikipedia.org/wiki/Merdeka_118',
  'Title: Merdeka 118 - Wikipedia',
  'Snippet: Merdeka 118 is a 118-storey megatall skyscraper in Kuala Lumpur, Malaysia. At 678.9 m, it is the second-tallest building in the world.',
  'Date: N/A',
  '',
  '[2] https://www.reuters.com/world/asia-pacific/malaysias-merdeka-118-opens-2024-01-10/',
  'Title: Malaysia opens the world’s second-tallest tower | Reuters',
  'Snippet: The Merdeka 118 tower, whose spire took it past Shanghai Tower, opened its observation deck ...',
  'Date: Jan 10, 2024',
  '',
  '[3] https://www.skyscrapercenter.com/building/merdeka-118/20744',
  'Title: Merdeka 118 - The Skyscraper Center',
  'Snippet: Height: architectural 678.9 m; floors above ground 118; completion 2023.',
  'Date: N/A',
].join('\n');

/** The same results with the fields DeepResearch's Serper results add (a `source` on news). */
export const PRESENTED_RESULTS: readonly PresentedResult[] = [
  {
    url: 'https://en.wikipedia.org/wiki/Merdeka_118',
    title: 'Merdeka 118 - Wikipedia',
    snippet:
      'Merdeka 118 is a 118-storey megatall skyscraper in Kuala Lumpur, Malaysia. At 678.9 m, it is the second-tallest building in the world.',
    date: 'N/A',
  },
  {
    url: 'https://www.reuters.com/world/asia-pacific/malaysias-merdeka-118-opens-2024-01-10/',
    title: 'Malaysia opens the world’s second-tallest tower | Reuters',
    snippet:
      'The Merdeka 118 tower, whose spire took it past Shanghai Tower, opened its observation deck ...',
    date: 'Jan 10, 2024',
    source: 'Reuters',
  },
  {
    url: 'https://www.skyscrapercenter.com/building/merdeka-118/20744',
    title: 'Merdeka 118 - The Skyscraper Center',
    snippet: 'Height: architectural 678.9 m; floors above ground 118; completion 2023.',
    date: 'N/A',
  },
];

/** Qwen-Agent's web_search result for them, byte for byte (`_format_results`). */
export const QWEN_AGENT_SEARCH_TEXT = [
  '```',
  '[1]"Merdeka 118 - Wikipedia',
  'Merdeka 118 is a 118-storey megatall skyscraper in Kuala Lumpur, Malaysia. At 678.9 m, it is the second-tallest building in the world."',
  '',
  '[2]"Malaysia opens the world’s second-tallest tower | Reuters',
  'The Merdeka 118 tower, whose spire took it past Shanghai Tower, opened its observation deck ..."Jan 10, 2024',
  '',
  '[3]"Merdeka 118 - The Skyscraper Center',
  'Height: architectural 678.9 m; floors above ground 118; completion 2023."',
  '```',
].join('\n');

/** DeepResearch's search result for the query "Merdeka 118 height", byte for byte. */
export const DEEPRESEARCH_SEARCH_TEXT = [
  "A Google search for 'Merdeka 118 height' found 3 results:",
  '',
  '## Web Results',
  '1. [Merdeka 118 - Wikipedia](https://en.wikipedia.org/wiki/Merdeka_118)',
  '',
  'Merdeka 118 is a 118-storey megatall skyscraper in Kuala Lumpur, Malaysia. At 678.9 m, it is the second-tallest building in the world.',
  '',
  '2. [Malaysia opens the world’s second-tallest tower | Reuters](https://www.reuters.com/world/asia-pacific/malaysias-merdeka-118-opens-2024-01-10/)',
  'Date published: Jan 10, 2024',
  'Source: Reuters',
  '',
  'The Merdeka 118 tower, whose spire took it past Shanghai Tower, opened its observation deck ...',
  '',
  '3. [Merdeka 118 - The Skyscraper Center](https://www.skyscrapercenter.com/building/merdeka-118/20744)',
  '',
  'Height: architectural 678.9 m; floors above ground 118; completion 2023.',
].join('\n');

/** A DeepResearch batch of two queries, the second without results. */
export const DEEPRESEARCH_BATCH_TAIL =
  "\n=======\nNo results found for 'Merdeka 118 qzxv'. Try with a more general query.";

export const VISIT_GOAL = 'the height of Merdeka 118 and its rank among buildings';

export const VISITED_PAGE: VisitedPage = {
  url: 'https://en.wikipedia.org/wiki/Merdeka_118',
  evidence: 'Merdeka 118 ... is 678.9 m (2,227 ft) tall ... the second-tallest building in the world.',
  summary: 'Merdeka 118 is 678.9 m tall and ranks second in the world, after the Burj Khalifa.',
};

/** DeepResearch's visit result for one readable page, byte for byte (after the final strip). */
export const DEEPRESEARCH_VISIT_TEXT = [
  'The useful information in https://en.wikipedia.org/wiki/Merdeka_118 for user goal the height of Merdeka 118 and its rank among buildings as follows: ',
  '',
  'Evidence in page: ',
  'Merdeka 118 ... is 678.9 m (2,227 ft) tall ... the second-tallest building in the world.',
  '',
  'Summary: ',
  'Merdeka 118 is 678.9 m tall and ranks second in the world, after the Burj Khalifa.',
].join('\n');

/** DeepResearch's visit result for a list of two URLs, the second unreadable. */
export const DEEPRESEARCH_VISIT_BATCH_TEXT = [
  'The useful information in https://en.wikipedia.org/wiki/Merdeka_118 for user goal g as follows: ',
  '',
  'Evidence in page: ',
  'e',
  '',
  'Summary: ',
  's',
  '',
  '',
  '=======',
  'The useful information in https://gone.example/404 for user goal g as follows: ',
  '',
  'Evidence in page: ',
  'The provided webpage content could not be accessed. Please check the URL or file format.',
  '',
  'Summary: ',
  'The webpage content could not be processed, and therefore, no information is available.',
].join('\n');

/** How a built-in call fares in this dialect, with what each source says (`spec`, `qwenAgent`, `deepResearch`). */
export interface CallFixture {
  readonly name: string;
  readonly arguments: Record<string, unknown> | string;
  /** This dialect: accepted, or the field path of its refusal. */
  readonly dialect: true | { readonly path: string };
  readonly note: string;
}

export const CALL_FIXTURES: readonly CallFixture[] = [
  { name: 'web_search', arguments: { query: 'Merdeka 118 height' }, dialect: true, note: 'all agree' },
  {
    name: 'web_search',
    arguments: '{"query": "Merdeka 118 height"}',
    dialect: true,
    note: 'arguments as JSON text: Qwen-Agent and DeepResearch parse strings too',
  },
  {
    name: 'web_search',
    arguments: { queries: ['Merdeka 118 height', 'Shanghai Tower height'] },
    dialect: true,
    note: 'the spec batch; Qwen-Agent has no batch (query is required), DeepResearch batches under query',
  },
  {
    name: 'web_search',
    arguments: {},
    dialect: { path: '$.arguments.query' },
    note: 'all refuse; DeepResearch answers "[Search] Invalid request format: …containing \'query\' field"',
  },
  {
    name: 'web_search',
    arguments: { query: 42 },
    dialect: { path: '$.arguments.query' },
    note: 'Qwen-Agent refuses (jsonschema type string)',
  },
  {
    name: 'web_search',
    arguments: { query: ['a', 'b'] },
    dialect: { path: '$.arguments.query' },
    note: 'DeepResearch batch form; the spec names it queries and Qwen-Agent wants a string, so refused',
  },
  {
    name: 'web_search',
    arguments: { query: 'a', num: 5 },
    dialect: { path: '$.arguments' },
    note: 'Qwen-Agent passes extra arguments; the spec does not say, this dialect refuses them',
  },
  {
    name: 'web_extractor',
    arguments: { url: 'https://en.wikipedia.org/wiki/Merdeka_118' },
    dialect: true,
    note: 'Qwen-Agent form',
  },
  {
    name: 'web_extractor',
    arguments: { url: 'https://en.wikipedia.org/wiki/Merdeka_118', goal: 'its height' },
    dialect: true,
    note: 'DeepResearch visit form (goal required there, optional here)',
  },
  {
    name: 'web_extractor',
    arguments: { goal: 'its height' },
    dialect: { path: '$.arguments.url' },
    note: "all refuse; DeepResearch answers \"[Visit] Invalid request format: …containing 'url' and 'goal' fields\"",
  },
  {
    name: 'dict_memory',
    arguments: { operation: 'add', dict: { height_m: 678.9 } },
    dialect: true,
    note: 'spec only',
  },
  { name: 'dict_memory', arguments: { operation: 'retrieve_all' }, dialect: true, note: 'spec only' },
  {
    name: 'dict_memory',
    arguments: { operation: 'retrieve' },
    dialect: { path: '$.arguments.key_list' },
    note: 'spec only: retrieve reads key_list',
  },
];

/*
 * Differences left as they are (spec and sources do not agree, or only a source speaks):
 * - layout of search results: spec `[k] url` blocks (the world model); Qwen-Agent's fenced `[i]"title…` list and
 *   DeepResearch's Markdown list are presentations (presentation.ts);
 * - batch argument: spec `queries`; DeepResearch `query` as a list; Qwen-Agent none;
 * - extra arguments: Qwen-Agent and DeepResearch ignore them; this dialect refuses them;
 * - tool-call syntax: DeepResearch reads json5 (single quotes, trailing commas); this dialect reads JSON;
 * - unknown tool: DeepResearch answers `Error: Tool <name> not found`; this dialect's refusal says
 *   `Tool <name> not found` (an UNKNOWN_TOOL error, whose wrapping belongs to the surface);
 * - web_extractor's result: spec the page as Markdown; Qwen-Agent the parsed page text; DeepResearch an LLM's
 *   evidence and summary in its fixed frame (presentation.ts, given the evidence and summary).
 */
