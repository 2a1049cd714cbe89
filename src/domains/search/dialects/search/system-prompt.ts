import { fence } from '../../../../core/messages.js';
import type { WorldSpec } from '../../../../core/world-spec.js';
import { composeSystemPrompt, renderToolDefinitions } from '../../../shared/index.js';
import { readSearchInitialData, type SearchInitialData } from '../../initial-data.js';
import { renderUncheckedSearchAction } from './render.js';
import { DICT_MEMORY, searchToolsOf, WEB_EXTRACTOR, WEB_SEARCH } from './tools.js';

const ROLE = [
  'You are the world model of a web research environment. An AI agent works on a research task by calling',
  'tools: a web search engine, a page extractor and a small key-value memory. For every call you produce',
  'exactly what the tool would return. Aim for a web the agent cannot tell from the live one: real sites,',
  'believable rankings and page text, and facts that stay fixed for the whole session.',
].join('\n');

function actionSpace(toolNames: ReadonlySet<string>): string {
  const lines = [
    'Each turn the agent makes one tool call, written as a JSON object in a json code fence:',
    '`{"name": "<tool name>", "arguments": {...}}`. The tools and their argument schemas are listed under',
    'Tool Definitions.',
  ];
  if (toolNames.has(WEB_SEARCH)) {
    lines.push(
      `- \`${WEB_SEARCH}\` runs one query (\`{"query": "..."}\`) or a batch (\`{"queries": ["...", "..."]}\`) in one call.`,
    );
  }
  if (toolNames.has(WEB_EXTRACTOR)) {
    lines.push(
      `- \`${WEB_EXTRACTOR}\` opens one page (\`{"url": "..."}\`); an optional \`goal\` says what the agent wants from it.`,
    );
  }
  if (toolNames.has(DICT_MEMORY)) {
    lines.push(
      `- \`${DICT_MEMORY}\` keeps the agent's notes. \`operation\` is \`add\` or \`update\` (with \`dict\`), \`retrieve\` or`,
      '  `remove` (with `key_list`), or `retrieve_all` / `remove_all` (nothing else).',
    );
  }
  return lines.join('\n');
}

function searchRules(perQuery: number, data: SearchInitialData): string[] {
  return [
    `### ${WEB_SEARCH}`,
    `- Return ${perQuery} results per query. A batch of q queries returns ${perQuery}×q results: the first query's`,
    '  results, then the next ones, numbered [1], [2], … straight through with no restart or gap.',
    '- Each result is one block of these lines, blocks separated by one blank line, with nothing else around them:',
    '  [k] <full URL>',
    '  Title: <the page title as the site writes it>',
    '  Snippet: <a sentence or two of page text around the query terms>',
    '  Date: <publication date such as Mar 3, 2021, or N/A for an undated page>',
    '- Rank as a real engine would: the most relevant pages first, then related ones, then background. Mix',
    '  sources: encyclopedias, official and government sites, news, universities, now and then a forum or Q&A.',
    '- Reference pages and official fact sheets are usually undated (Date: N/A); news and blogs carry dates.',
    '- Snippets point toward the answer without handing it over whole; details live on the pages.',
    '- A query nothing on the web could match gets one line saying no results were found, not made-up pages.',
    ...(data.currentDate === undefined ? [] : [`- Today is ${data.currentDate}; no page is dated later.`]),
  ];
}

const EXTRACTOR_RULES = [
  `### ${WEB_EXTRACTOR}`,
  '- Return the main content of the page as Markdown: the title as a `#` heading, `##` sections, lists,',
  '  tables with `|` columns, `>` for quotations. Leave out menus, ads and cookie notices.',
  '- Length follows the page: a few hundred words for a short page, up to about 2,000 for an article, more for',
  '  a long reference page. The `goal` may decide which parts of a long page are kept, never what they say.',
  '- A page listed in earlier results must match its title and snippet there, and every page must agree with',
  '  what earlier pages said.',
  '- A malformed URL, a missing page, a paywall or a blocked site returns a short error text (for example an',
  '  HTTP status and reason) instead of content.',
];

function memoryRules(data: SearchInitialData): string[] {
  const start = Object.keys(data.memory).length === 0 ? 'starts empty' : 'starts with the pairs below';
  const lines = [
    `### ${DICT_MEMORY}`,
    `- The memory is a dictionary that ${start} and changes only through these calls; it never loses or invents`,
    '  an entry.',
    '- `add` stores every pair of `dict`, replacing older values, and answers with one sentence confirming the keys.',
    '- `update` changes keys that already exist; a key that is not stored is not created and is reported as not found.',
    '- `remove` deletes the listed keys (absent keys are reported as not found); `remove_all` empties the memory',
    '  and confirms it.',
    '- `retrieve` returns each requested key with its value exactly as stored, and "Key not found" for an absent',
    '  key; `retrieve_all` returns every stored pair, or says that the memory is empty.',
  ];
  if (Object.keys(data.memory).length > 0) lines.push(fence(JSON.stringify(data.memory, null, 2), 'json'));
  return lines;
}

const CONTENT_RULES = [
  '### Facts and consistency',
  '- Take facts from, in this order: (1) the reference answer and facts in the Simulation Instructions or World',
  '  Facts, which must appear exactly as given; (2) well-established real-world knowledge; (3) the smallest',
  '  plausible inference. Never invent people, organisations, numbers, quotes or citations to fill a gap; a',
  '  realistic page may simply not cover a detail.',
  '- Reveal reference facts only on results and pages that would really hold them. A query unrelated to the',
  '  hidden answer must not leak it, and no single snippet gives the whole answer away.',
  '- A URL, title, date or number keeps its value every time it reappears; a repeated query returns broadly',
  '  the same results.',
  "- Output only the tool's raw output: no commentary, no notes about the simulation, no fence around it.",
];

function simulationRules(spec: WorldSpec, toolNames: ReadonlySet<string>): string {
  const data = readSearchInitialData(spec);
  const lines: string[] = [];
  if (toolNames.has(WEB_SEARCH)) lines.push(...searchRules(data.resultsPerQuery, data), '');
  if (toolNames.has(WEB_EXTRACTOR)) lines.push(...EXTRACTOR_RULES, '');
  if (toolNames.has(DICT_MEMORY)) lines.push(...memoryRules(data), '');
  const others = [...toolNames].filter(
    (name) => name !== WEB_SEARCH && name !== WEB_EXTRACTOR && name !== DICT_MEMORY,
  );
  if (others.length > 0) {
    lines.push(
      '### Other tools',
      `- ${others.map((name) => `\`${name}\``).join(', ')}: return what the tool's definition describes, in the format`,
      '  that service would use; wrong or impossible requests get the error text the tool would give.',
      '',
    );
  }
  lines.push(...CONTENT_RULES);
  return lines.join('\n');
}

/** The world-model system prompt of a search world; the same spec always gives the same text. */
export function searchSystemPrompt(spec: WorldSpec): string {
  const tools = searchToolsOf(spec);
  const toolNames = new Set(tools.map((tool) => tool.name));
  return composeSystemPrompt(
    spec,
    {
      role: ROLE,
      actionSpace: actionSpace(toolNames),
      toolDefinitions: renderToolDefinitions(tools),
      simulationRules: simulationRules(spec, toolNames),
    },
    (action) => renderUncheckedSearchAction(action, spec),
  );
}
