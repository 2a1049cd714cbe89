import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import { parseSearchResults } from '../dialects/search/index.js';
import { callSubject, isWebCall } from './search-call.js';

export const CaptchaBlockParamsSchema = z.strictObject({});
export type CaptchaBlockParams = z.infer<typeof CaptchaBlockParamsSchema>;

const CAPTCHA = /captcha|unusual traffic|not a robot|verify (?:that )?you(?:'re| are) (?:a )?human/i;

/** The service suspects automation and answers with a CAPTCHA challenge instead of content. */
export const captchaBlock = definePerturbation<CaptchaBlockParams>({
  id: 'captcha-block',
  title: 'CAPTCHA block',
  description:
    'The search engine or site suspects automated traffic and answers with a CAPTCHA challenge (HTTP 403) ' +
    'instead of results or page text.',
  params: CaptchaBlockParamsSchema,
  appliesTo: (_params, context) => isWebCall(context),
  instruction: (_params, context) =>
    `Block ${callSubject(context, 'every web_search and web_extractor call')} as suspected automated traffic: ` +
    'return only a short "Error: HTTP 403 Forbidden" text saying unusual traffic was detected and a CAPTCHA ' +
    'must be solved to prove the client is not a robot. No results or page text.',
  render: () =>
    'Error: HTTP 403 Forbidden. Unusual traffic from your network was detected. Solve the CAPTCHA to confirm ' +
    'you are not a robot, then send the request again.',
  manifested: (_params, { observation }) =>
    parseSearchResults(observation).length === 0 && CAPTCHA.test(observation),
});
