import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import { pageLocation, pageText, readPage, replacePage } from './page-edit.js';
import { element, text } from './page-nodes.js';
import { dialectOf, idWord, loadsPage, pageSubject } from './web-call.js';

export const CaptchaParamsSchema = z.strictObject({});
export type CaptchaParams = z.infer<typeof CaptchaParamsSchema>;

const CHALLENGE =
  /captcha|(?:verify|confirm) (?:that )?you(?:'re| are) (?:a )?human|not a robot|security check|bot check/i;

/** A bot check stands between the agent and the page. */
export const captcha = definePerturbation<CaptchaParams>({
  id: 'captcha',
  title: 'CAPTCHA challenge',
  description:
    'A bot check replaces the page: a "Security check" page asking the visitor to confirm they are human, with ' +
    'an "I\'m not a robot" checkbox and a "Continue" button. Applies to actions that load a page.',
  params: CaptchaParamsSchema,
  appliesTo: (_params, context) => loadsPage(context),
  instruction: (_params, context) =>
    `Put a bot check in front of ${pageSubject(context)}: at the requested URL the browser shows a page titled ` +
    '"Security check" with the heading "Confirm you are human", one sentence saying the site must make sure ' +
    `the visitor is not automated, an "I'm not a robot" checkbox and a "Continue" button (each with its own ` +
    `${idWord(context)}), and none of the requested content.`,
  render: (_params, context) => {
    const dialect = dialectOf(context);
    return replacePage(context.observation, dialect, {
      url: pageLocation(context.observation, dialect).url,
      title: 'Security check',
      nodes: [
        element('heading', 'Confirm you are human', { attributes: { level: '1' } }),
        text('Before you continue, the site needs to make sure this request is not automated.'),
        element('checkbox', "I'm not a robot"),
        element('button', 'Continue'),
      ],
    });
  },
  manifested: (_params, context) =>
    CHALLENGE.test(pageText(readPage(context.observation, dialectOf(context)))),
});
