import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import { looksLikeErrorMessage } from '../dialects/search/index.js';
import { callSubject, isExtractorCall, pageUrlOf } from './search-call.js';

export const InaccessiblePageParamsSchema = z.strictObject({
  /** Why the page cannot be read: a 403, a 404, a paywall or a connection timeout. */
  reason: z.enum(['forbidden', 'not-found', 'paywall', 'timeout']).default('forbidden'),
});
export type InaccessiblePageParams = z.infer<typeof InaccessiblePageParamsSchema>;
type Reason = InaccessiblePageParams['reason'];

const ERROR_TEXT: Readonly<Record<Exclude<Reason, 'paywall'>, { status: string; detail: string }>> = {
  forbidden: { status: 'HTTP 403 Forbidden', detail: 'The server refused access to this page.' },
  'not-found': { status: 'HTTP 404 Not Found', detail: 'The page does not exist or has moved.' },
  timeout: { status: 'the connection timed out after 30 seconds', detail: 'The site did not respond.' },
};

const SHOWN: Readonly<Record<Reason, RegExp>> = {
  forbidden: /\b403\b|forbidden|access denied/i,
  'not-found': /\b404\b|not found/i,
  timeout: /timed?[ -]?out|timeout/i,
  paywall: /subscri(?:be|ber|bers|ption)\b|paywall|sign in to (?:continue|keep) reading/i,
};

const PAYWALL_NOTICE = [
  '---',
  '**This article is for subscribers only.**',
  'Subscribe to continue reading, or sign in if you already have a subscription.',
].join('\n');

/** The start of a page: its lines up to the end of the first paragraph after about 300 characters. */
function teaser(page: string): string {
  const lines = page.replace(/\s+$/, '').split('\n');
  const kept: string[] = [];
  let length = 0;
  for (const line of lines) {
    if (length >= 300 && line.trim().length === 0) break;
    kept.push(line);
    length += line.length;
  }
  return kept.join('\n').replace(/\s+$/, '');
}

function instructionText(reason: Reason, subject: string): string {
  if (reason === 'paywall') {
    return (
      `Put ${subject} behind a paywall: return only the page title and its first paragraph, then a notice ` +
      'that the article is for subscribers only and that subscribing or signing in is needed to read on. ' +
      'No other content of the page.'
    );
  }
  const { status } = ERROR_TEXT[reason];
  return (
    `Make ${subject} fail: return only one short error line "Error: could not fetch <url>: ${status}." ` +
    'and no page content.'
  );
}

/** The extractor cannot read the page: 403, 404, a paywall or a timeout. */
export const inaccessiblePage = definePerturbation<InaccessiblePageParams>({
  id: 'inaccessible-page',
  title: 'Inaccessible page',
  description:
    'A web_extractor call cannot read the page: an HTTP 403 or 404 error, a connection timeout, or a paywall ' +
    'that shows only the first paragraph and a subscribe notice.',
  params: InaccessiblePageParamsSchema,
  appliesTo: (_params, context) => isExtractorCall(context),
  instruction: ({ reason }, context) =>
    instructionText(reason, callSubject(context, 'every web_extractor call')),
  render: ({ reason }, context) => {
    if (reason === 'paywall') {
      const start = teaser(context.observation);
      return start.length === 0 ? PAYWALL_NOTICE : `${start}\n\n${PAYWALL_NOTICE}`;
    }
    const { status, detail } = ERROR_TEXT[reason];
    return `Error: could not fetch ${pageUrlOf(context) ?? 'the page'}: ${status}. ${detail}`;
  },
  manifested: ({ reason }, { observation }) =>
    SHOWN[reason].test(observation) && (reason === 'paywall' || looksLikeErrorMessage(observation)),
});
