import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import { pageLocation, pageText, readPage, replacePage } from './page-edit.js';
import { element, text } from './page-nodes.js';
import { dialectOf, loadsPage } from './web-call.js';

export const SessionExpiryParamsSchema = z.strictObject({});
export type SessionExpiryParams = z.infer<typeof SessionExpiryParamsSchema>;

const EXPIRED =
  /session (?:has |had |was )?(?:expired|timed out)|(?:you(?:'ve| have) been|you were) (?:signed|logged) out|(?:sign|log) in again/i;

/** The login session ends: the next request lands on the sign-in page with an expiry notice. */
export const sessionExpiry = definePerturbation<SessionExpiryParams>({
  id: 'session-expiry',
  title: 'Session expired',
  description:
    'The signed-in session runs out: the action lands on the sign-in page with an alert saying the session ' +
    'has expired, and whatever it was submitting is lost. Applies to actions that load or change the page.',
  params: SessionExpiryParamsSchema,
  appliesTo: (_params, context) => loadsPage(context),
  instruction: (_params, context) =>
    `${context.action === undefined ? 'From now on the agent' : 'The agent'}'s signed-in session has expired: ` +
    `${context.action === undefined ? 'its next action that loads a page' : 'this action'} does not take ` +
    'effect and lands on the site\'s sign-in page (URL /login with a reason parameter, title "Session ' +
    'expired"), which shows an alert "Your session has expired. Please sign in again to continue.", "Email ' +
    'address" and "Password" textboxes and a "Sign in" button. Anything being submitted is lost.',
  render: (_params, context) => {
    const dialect = dialectOf(context);
    const { origin, path } = pageLocation(context.observation, dialect);
    return replacePage(context.observation, dialect, {
      url: `${origin ?? ''}/login?reason=session_expired&next=${encodeURIComponent(path)}`,
      title: 'Session expired',
      nodes: [
        element('alert', '', {
          children: [text('Your session has expired. Please sign in again to continue.')],
        }),
        element('heading', 'Sign in', { attributes: { level: '1' } }),
        element('textbox', 'Email address'),
        element('textbox', 'Password'),
        element('button', 'Sign in'),
      ],
    });
  },
  manifested: (_params, context) => EXPIRED.test(pageText(readPage(context.observation, dialectOf(context)))),
});
