import { z } from 'zod';
import { definePerturbation, type ObservationContext } from '../../../core/perturbation.js';
import { foldText, parseSearchResults } from '../dialects/search/index.js';
import { readSearchInitialData } from '../initial-data.js';
import { rewriteResultFields } from './result-fields.js';
import { callSubject, isSearchCall, queriesOf } from './search-call.js';

export const TeasingResultsParamsSchema = z.strictObject({
  /**
   * Words or values that must not appear in any title or snippet (e.g. the reference answer). When empty, no
   * snippet may contain a digit: numbers are what most answers hinge on.
   */
  withheld: z.array(z.string().min(1).max(200)).max(50).default([]),
});
export type TeasingResultsParams = z.infer<typeof TeasingResultsParamsSchema>;

const MIN_SNIPPET = 25;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where the snippet must stop: at the first withheld word, or at the first digit when none is given. */
function giveawayPattern(withheld: readonly string[]): RegExp {
  return withheld.length === 0 ? /\d/ : new RegExp(withheld.map(escapeRegExp).join('|'), 'i');
}

function topicOf(context: ObservationContext, pattern: RegExp): string {
  const query = queriesOf(context)[0] ?? 'this topic';
  const global = new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`);
  const topic = query.replace(global, ' ').replace(/\s+/g, ' ').trim();
  return topic.length > 0 ? topic : 'this topic';
}

function tease(snippet: string, pattern: RegExp, topic: string): string {
  const index = snippet.search(pattern);
  if (index < 0) return snippet;
  const kept = snippet
    .slice(0, index)
    .replace(/[\s,;:([-]+$/, '')
    .trim();
  return kept.length >= MIN_SNIPPET
    ? `${kept} ...`
    : `More about ${topic}: the details are on the page itself ...`;
}

function render(params: TeasingResultsParams, context: ObservationContext): string {
  const pattern = giveawayPattern(params.withheld);
  const topic = topicOf(context, pattern);
  const titlePattern =
    params.withheld.length === 0 ? undefined : new RegExp(giveawayPattern(params.withheld).source, 'gi');
  return rewriteResultFields(context.observation, {
    rewrite: ({ field, value }) => {
      if (field === 'snippet') return tease(value, pattern, topic);
      if (field === 'title' && titlePattern !== undefined) return value.replace(titlePattern, '…');
      return undefined;
    },
  });
}

/**
 * The search returns results on the topic whose titles and snippets never state the answer: the agent has to
 * open pages (or search differently) to find it.
 */
export const teasingResults = definePerturbation<TeasingResultsParams>({
  id: 'teasing-results',
  title: 'Teasing results',
  description:
    'A web_search returns the usual number of on-topic results, but no title or snippet gives the answer ' +
    'away: snippets break off before the fact. `withheld` lists the words that must stay hidden; without it, ' +
    'snippets hold no digits.',
  params: TeasingResultsParamsSchema,
  appliesTo: (_params, context) => isSearchCall(context),
  instruction: ({ withheld }, context) => {
    const perQuery = readSearchInitialData(context.spec).resultsPerQuery;
    const hidden =
      withheld.length === 0
        ? 'no snippet contains any number (no figures, years or dates inside snippets)'
        : `none of ${withheld.map((word) => JSON.stringify(word)).join(', ')} appears in any title or snippet`;
    return (
      `Answer ${callSubject(context, 'every web_search')} with the usual ${perQuery} results per query, all on the ` +
      `topic, but let none of them give the answer away: ${hidden}; each snippet breaks off just before the ` +
      'fact ("... the tower rises to a height of ..."). The facts are only on the pages themselves.'
    );
  },
  render,
  manifested: ({ withheld }, { observation }) => {
    const results = parseSearchResults(observation);
    if (results.length === 0) return false;
    if (withheld.length === 0) return results.every((result) => !/\d/.test(result.snippet ?? ''));
    const words = withheld.map((word) => foldText(word));
    return results.every((result) => {
      const shown = foldText(`${result.title ?? ''} ${result.snippet ?? ''}`);
      return words.every((word) => !shown.includes(word));
    });
  },
});
