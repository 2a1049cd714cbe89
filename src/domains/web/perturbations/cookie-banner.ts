import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import { hasNode, overlayOn, pageText, readPage } from './page-edit.js';
import { element, type PageNode, text } from './page-nodes.js';
import { dialectOf, idWord, loadsPage, pageSubject } from './web-call.js';

export const CookieBannerParamsSchema = z.strictObject({});
export type CookieBannerParams = z.infer<typeof CookieBannerParamsSchema>;

const BANNER: PageNode = element('dialog', 'Cookie consent', {
  children: [
    text('We use cookies to keep you signed in, remember your settings and measure how the site is used.'),
    element('button', 'Accept all'),
    element('button', 'Reject all'),
    element('button', 'Cookie settings'),
  ],
});

const CONSENT_BUTTON = /accept|agree|allow|reject|decline|got it|^ok$/i;

/** A cookie consent dialog sits on top of the page until one of its buttons is clicked. */
export const cookieBanner = definePerturbation<CookieBannerParams>({
  id: 'cookie-banner',
  title: 'Cookie consent banner',
  description:
    'The page opens with a cookie consent dialog on top of its content ("Accept all", "Reject all", "Cookie ' +
    'settings"); the rest of the page is still there. Applies to actions that load or change the page.',
  params: CookieBannerParamsSchema,
  appliesTo: (_params, context) => loadsPage(context),
  instruction: (_params, context) =>
    `Show ${pageSubject(context, 'every page of the site, until the agent clicks one of its buttons,')} with a ` +
    'cookie consent banner on top of its usual content: a dialog named "Cookie consent" holding one sentence ' +
    'saying the site uses cookies and three buttons, "Accept all", "Reject all" and "Cookie settings", each with ' +
    `its own ${idWord(context)}. Everything else on the page stays as it would be.`,
  render: (_params, context) => overlayOn(context.observation, dialectOf(context), [BANNER]),
  manifested: (_params, context) => {
    const page = readPage(context.observation, dialectOf(context));
    return /cookie/i.test(pageText(page)) && hasNode(page, /^button$/i, CONSENT_BUTTON);
  },
});
