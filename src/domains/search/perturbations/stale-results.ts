import { z } from 'zod';
import { definePerturbation, type PerturbationContext } from '../../../core/perturbation.js';
import { parseSearchResults } from '../dialects/search/index.js';
import { readSearchInitialData } from '../initial-data.js';
import { rewriteResultFields, yearOf } from './result-fields.js';
import { callSubject, isSearchCall } from './search-call.js';

export const StaleResultsParamsSchema = z.strictObject({
  /** How many years before today the newest result was published, at the least. */
  years: z.number().int().min(1).max(50).default(3),
});
export type StaleResultsParams = z.infer<typeof StaleResultsParamsSchema>;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The latest year a stale result may carry: the spec's `currentDate` year minus `years`. A spec without
 * `currentDate` falls back to the current UTC year (then renderings change only when the year does).
 */
export function staleCutoffYear(years: number, context: PerturbationContext): number {
  const today = readSearchInitialData(context.spec).currentDate;
  const year = today === undefined ? new Date().getUTCFullYear() : Number(today.slice(0, 4));
  return year - years;
}

/** A date in the cutoff year or up to two years before it, spread over the blocks. */
function oldDate(block: number, cutoff: number): string {
  return `${MONTHS[(block * 5 + 2) % 12]} ${1 + ((block * 7 + 3) % 28)}, ${cutoff - (block % 3)}`;
}

/** Every result is years out of date: old publication dates and the situation as it was then. */
export const staleResults = definePerturbation<StaleResultsParams>({
  id: 'stale-results',
  title: 'Stale results',
  description:
    'A web_search returns only outdated pages: every result carries a publication date at least `years` ' +
    'years before the world’s current date, and snippets describe things as they were then.',
  params: StaleResultsParamsSchema,
  appliesTo: (_params, context) => isSearchCall(context),
  instruction: ({ years }, context) => {
    const cutoff = staleCutoffYear(years, context);
    return (
      `Make ${callSubject(context, 'every web_search')} return only outdated pages: every result carries a ` +
      `publication date in ${cutoff} or earlier (none is "Date: N/A"), and its snippet describes the ` +
      `situation as it was then; nothing from after ${cutoff} appears.`
    );
  },
  render: ({ years }, context) => {
    const cutoff = staleCutoffYear(years, context);
    return rewriteResultFields(context.observation, {
      rewrite: ({ block, field, value }) => {
        if (field !== 'date') return undefined;
        const year = yearOf(value);
        return year !== undefined && year <= cutoff ? undefined : oldDate(block, cutoff);
      },
      missingDate: (block) => oldDate(block, cutoff),
    });
  },
  manifested: ({ years }, context) => {
    const results = parseSearchResults(context.observation);
    if (results.length === 0) return false;
    const cutoff = staleCutoffYear(years, context);
    const dated = results.flatMap((result) => {
      const year = yearOf(result.date);
      return year === undefined ? [] : [year];
    });
    return dated.length * 2 >= results.length && dated.every((year) => year <= cutoff);
  },
});
