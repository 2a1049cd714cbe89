import type { WorldSpec } from '../core/world-spec.js';
import type { SearchAction } from '../domains/search/dialects/search/index.js';
import {
  extractorUrlsOf,
  searchQueriesOf,
  WEB_EXTRACTOR,
  WEB_SEARCH,
} from '../domains/search/dialects/search/index.js';
import { type DraftResult, guardResults } from './answer-guard.js';
import { type RetrievalSettings, retrievalSettingsOf } from './retrieval-settings.js';
import type { WorldHitGroup, WorldIndex } from './world-index.js';
import { statementsInPrompt } from './world-prompt.js';
import { describeEntity } from './world-statements.js';
import { targetOf } from './world-target.js';

/** The facts about a turn that world retrieval reads (a subset of the control module's `TurnFacts`). */
export interface WorldTurnFacts {
  readonly turnIndex: number;
  readonly action: unknown;
  /** The action as rendered for the world model (fence included). */
  readonly actionText: string;
}

/** Facts as one line: each ends with a full stop (unless it has its own punctuation), joined by spaces. */
function joinFacts(facts: readonly string[]): string {
  return facts.map((fact) => (/[.!?)"']$/.test(fact.trim()) ? fact.trim() : `${fact.trim()}.`)).join(' ');
}

function worldLabel(index: WorldIndex): string {
  return index.world.name ? `the fictional world "${index.world.name}"` : 'the fictional world';
}

/** How a result names what it is about. */
function headingOf(index: WorldIndex, group: WorldHitGroup): string {
  const subject = group.subject;
  if (subject.kind === 'entity') {
    const page = subject.entity.url === undefined ? '' : `, page ${subject.entity.url}`;
    return `${describeEntity(subject.entity)}${page}`;
  }
  const table = index.world.table;
  if (subject.kind === 'table' && table !== undefined) {
    return `the table "${table.name}" (columns: ${table.columns.join(', ')})`;
  }
  return `${worldLabel(index)} as a whole`;
}

function asToolCall(action: unknown): SearchAction | undefined {
  if (typeof action !== 'object' || action === null) return undefined;
  const { name, arguments: args } = action as { name?: unknown; arguments?: unknown };
  if (typeof name !== 'string' || typeof args !== 'object' || args === null || Array.isArray(args)) {
    return undefined;
  }
  return { name, arguments: args as Record<string, unknown> };
}

function leakageLine(heldBack: number): string {
  const held =
    heldBack === 0
      ? ''
      : ` ${heldBack} matching ${heldBack === 1 ? 'fact is' : 'facts are'} held back on this turn: do not supply ${heldBack === 1 ? 'it' : 'them'} yourself.`;
  return (
    'No leakage: the agent is researching a question whose answer this world holds. These results may hint at ' +
    'it and point toward it (related entities, partial facts), but no single snippet or page may give the whole ' +
    `answer.${held} Never merge facts from different results or earlier turns into one snippet.`
  );
}

/** web_search: the matching facts of each query, grouped into results, after the no-leakage rule. */
function searchTurn(
  spec: WorldSpec,
  index: WorldIndex,
  call: SearchAction,
  settings: RetrievalSettings,
): string[] {
  const queries = searchQueriesOf(call);
  if (queries.length === 0) return [];
  const target = targetOf(spec);
  const drafts: Array<DraftResult & { readonly query: number }> = [];
  const matched = new Set<number>();
  queries.forEach((query, queryIndex) => {
    const groups = index.findGroups(query).slice(0, settings.resultsPerQuery);
    if (groups.length > 0) matched.add(queryIndex);
    for (const group of groups) {
      drafts.push({
        query: queryIndex,
        heading: headingOf(index, group),
        facts: group.statements.map((statement) => statement.text),
      });
    }
  });
  const guarded = guardResults(drafts, target, 'snippet', settings.factsPerResult);
  const lines = [
    `Facts of ${worldLabel(index)} for this search, one source per line: give each source its own result near the top and write its snippet from that source's facts alone; the other results are background pages that state no new facts about the world.`,
  ];
  queries.forEach((_query, queryIndex) => {
    const label = `Query ${queryIndex + 1}`;
    const results = guarded.results.filter((result) => result.query === queryIndex);
    if (results.length === 0) {
      lines.push(
        matched.has(queryIndex)
          ? `${label}: its matching facts are held back on this turn; show only background results that touch the topic without stating facts about the world.`
          : `${label} matches nothing in ${worldLabel(index)}: its results state no facts about the world's places, people or things.`,
      );
      return;
    }
    results.forEach((result, resultIndex) => {
      lines.push(`${label}, source ${resultIndex + 1}: ${result.heading}: ${joinFacts(result.facts)}`);
    });
  });
  if (target !== undefined) lines.push(leakageLine(guarded.heldBack));
  return lines;
}

/** web_extractor: what each opened page is about and the facts it may show, after the no-leakage rule. */
function extractorTurn(
  spec: WorldSpec,
  index: WorldIndex,
  call: SearchAction,
  settings: RetrievalSettings,
): string[] {
  const urls = extractorUrlsOf(call);
  if (urls.length === 0) return [];
  const goal = typeof call.arguments.goal === 'string' ? call.arguments.goal : undefined;
  const target = targetOf(spec);
  const lines: string[] = [];
  let heldBack = 0;
  urls.forEach((url, urlIndex) => {
    const label = urls.length === 1 ? 'The page at this address' : `Page ${urlIndex + 1} (${url})`;
    const page = index.findPage(url, goal);
    if (page === undefined) {
      lines.push(
        `${label} belongs to nothing in ${worldLabel(index)}: show it as unavailable or unrelated, and state no facts about the world.`,
      );
      return;
    }
    const draft: DraftResult = {
      heading: headingOf(index, page),
      facts: page.statements.map((statement) => statement.text),
    };
    const guarded = guardResults([draft], target, 'page', settings.factsPerPage);
    heldBack += guarded.heldBack;
    const shown = guarded.results[0];
    lines.push(
      shown === undefined
        ? `${label} is about ${draft.heading}, but its facts are held back on this turn: show the page without stating facts about the world.`
        : `${label} is part of ${worldLabel(index)} and is about ${shown.heading}. Its main content may state these facts and no others about the world: ${joinFacts(shown.facts)}`,
    );
  });
  if (target !== undefined) lines.push(leakageLine(heldBack));
  return lines;
}

/** Other domains: the facts the action's text bears on that the system prompt does not already state. */
function actionTurn(
  spec: WorldSpec,
  index: WorldIndex,
  actionText: string,
  settings: RetrievalSettings,
): string[] {
  const inPrompt = statementsInPrompt(spec, index);
  if (inPrompt.size >= index.statements.length) return [];
  const hits = index.find(actionText, { exclude: inPrompt }).slice(0, settings.factsPerTurn);
  if (hits.length === 0) return [];
  return [
    `Facts of ${worldLabel(index)} that bear on this action (true, like the World Facts of the system prompt): ${joinFacts(hits.map((hit) => hit.statement.text))}`,
  ];
}

/**
 * The turn-level control instructions a spec's fictional world adds to one turn (empty without a world):
 * - search: on web_search turns the facts matching each query, grouped by result; on web_extractor turns the
 *   facts of the opened page — both after the no-leakage rule when the spec has a target;
 * - other domains: when the world is larger than the system prompt holds, the facts the action bears on.
 * A pure function of the spec and the turn, so forks and replays get the same lines.
 */
export function worldInstructions(
  spec: WorldSpec,
  index: WorldIndex | undefined,
  facts: WorldTurnFacts,
): string[] {
  if (index === undefined || index.statements.length === 0) return [];
  const settings = retrievalSettingsOf(index.world);
  if (spec.domain !== 'search') return actionTurn(spec, index, facts.actionText, settings);
  const call = asToolCall(facts.action);
  if (call?.name === WEB_SEARCH) return searchTurn(spec, index, call, settings);
  if (call?.name === WEB_EXTRACTOR) return extractorTurn(spec, index, call, settings);
  return [];
}
