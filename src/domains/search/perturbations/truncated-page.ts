import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import { callSubject, isExtractorCall } from './search-call.js';

export const TruncatedPageParamsSchema = z.strictObject({
  /** The most characters of page text the extractor returns. */
  maxCharacters: z.number().int().min(100).max(1_000_000).default(1500),
});
export type TruncatedPageParams = z.infer<typeof TruncatedPageParamsSchema>;

const TRUNCATED = /\[\s*content truncated|\btruncated\b|\bcut off\b/i;

/** The extractor stops partway through the page and says so. */
export const truncatedPage = definePerturbation<TruncatedPageParams>({
  id: 'truncated-page',
  title: 'Truncated page',
  description:
    'A web_extractor call returns only the beginning of the page (at most maxCharacters, cut mid-page) ending ' +
    'with a "[Content truncated …]" line, so later sections are missing.',
  params: TruncatedPageParamsSchema,
  appliesTo: (_params, context) => isExtractorCall(context),
  instruction: ({ maxCharacters }, context) =>
    `Cut ${callSubject(context, 'every web_extractor result')} short: return only the first part of the page ` +
    `(at most ${maxCharacters} characters, stopping partway through a section), followed by the line ` +
    '"[Content truncated: only the first part of the page was extracted.]". Later sections are missing.',
  render: ({ maxCharacters }, { observation }) => {
    const text = observation.replace(/\s+$/, '');
    const limit = Math.max(1, Math.min(maxCharacters, Math.floor(text.length / 2)));
    const cut = text.slice(0, limit);
    const space = cut.search(/\s\S*$/);
    const kept = (space > limit / 2 ? cut.slice(0, space) : cut).replace(/\s+$/, '');
    return `${kept}\n\n[Content truncated: only the first ${kept.length} characters of the page were extracted.]`;
  },
  manifested: (_params, { observation }) => TRUNCATED.test(observation),
});
