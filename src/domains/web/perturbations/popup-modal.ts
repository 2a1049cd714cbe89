import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import { hasNode, overlayOn, pageText, readPage } from './page-edit.js';
import { element, type PageNode, text } from './page-nodes.js';
import { dialectOf, idWord, loadsPage, pageSubject } from './web-call.js';

export const PopupModalParamsSchema = z.strictObject({
  /** What the pop-up pushes: a newsletter sign-up or a sales promotion. */
  kind: z.enum(['newsletter', 'promotion']).default('newsletter'),
});
export type PopupModalParams = z.infer<typeof PopupModalParamsSchema>;
type Kind = PopupModalParams['kind'];

const POPUPS: Readonly<Record<Kind, PageNode>> = {
  newsletter: element('dialog', 'Newsletter sign-up', {
    children: [
      element('heading', 'Stay in the loop', { attributes: { level: '2' } }),
      text('Subscribe to our newsletter for news and offers, straight to your inbox.'),
      element('textbox', 'Email address'),
      element('button', 'Subscribe'),
      element('button', 'No thanks'),
      element('button', 'Close'),
    ],
  }),
  promotion: element('dialog', 'Special offer', {
    children: [
      element('heading', 'Limited-time offer', { attributes: { level: '2' } }),
      text('Save 20% on your first order with the code WELCOME20.'),
      element('button', 'Shop the sale'),
      element('button', 'Close'),
    ],
  }),
};

const DESCRIPTIONS: Readonly<Record<Kind, string>> = {
  newsletter:
    'a dialog named "Newsletter sign-up" asking the visitor to subscribe to the newsletter, with an "Email ' +
    'address" textbox and the buttons "Subscribe", "No thanks" and "Close"',
  promotion:
    'a dialog named "Special offer" announcing a discount on the first order, with the buttons "Shop the sale" ' +
    'and "Close"',
};

const TOPIC: Readonly<Record<Kind, RegExp>> = {
  newsletter: /newsletter|subscribe/i,
  promotion: /offer|discount|sale\b|% off|save \d+ ?%|coupon|promo/i,
};

const DISMISS = /close|no thanks|dismiss|not now|maybe later|^×$|^x$/i;

/** A modal pop-up (newsletter sign-up or promotion) covers the page until it is dismissed. */
export const popupModal = definePerturbation<PopupModalParams>({
  id: 'popup-modal',
  title: 'Pop-up modal',
  description:
    'A modal pop-up covers the page (a newsletter sign-up or a sales promotion) with a button to dismiss it; ' +
    'the page itself is still there underneath. Applies to actions that load or change the page.',
  params: PopupModalParamsSchema,
  appliesTo: (_params, context) => loadsPage(context),
  instruction: ({ kind }, context) =>
    `Open a modal pop-up over ${pageSubject(context, 'the first page of each visit to the site')}: ` +
    `${DESCRIPTIONS[kind]}, every control with its own ${idWord(context)}. The page content stays underneath; ` +
    'the pop-up goes away only when it is dismissed.',
  render: ({ kind }, context) => overlayOn(context.observation, dialectOf(context), [POPUPS[kind]]),
  manifested: ({ kind }, context) => {
    const page = readPage(context.observation, dialectOf(context));
    return (
      page.nodes.some((node) => /^(?:dialog|alertdialog)$/i.test(node.role)) &&
      TOPIC[kind].test(pageText(page)) &&
      hasNode(page, /^button$/i, DISMISS)
    );
  },
});
