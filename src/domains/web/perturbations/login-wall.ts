import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import { hasNode, pageLocation, pageText, readPage, replacePage } from './page-edit.js';
import { element, text } from './page-nodes.js';
import { dialectOf, loadsPage, pageSubject } from './web-call.js';

export const LoginWallParamsSchema = z.strictObject({});
export type LoginWallParams = z.infer<typeof LoginWallParamsSchema>;

const SIGN_IN = /sign[ -]?in|log[ -]?in/i;

/** The site sends the visitor to its sign-in page instead of the content. */
export const loginWall = definePerturbation<LoginWallParams>({
  id: 'login-wall',
  title: 'Login wall',
  description:
    'Instead of the content, the site redirects to its sign-in page (/login?next=…): a "Sign in to continue" ' +
    'heading, email and password fields and a "Sign in" button. Applies to actions that load a page.',
  params: LoginWallParamsSchema,
  appliesTo: (_params, context) => loadsPage(context),
  instruction: (_params, context) =>
    `Instead of ${pageSubject(context, 'any page that shows content')}, the site redirects to its sign-in page: ` +
    'the URL becomes the site\'s /login path with the requested path in a "next" parameter, the title is "Sign ' +
    'in", and the page holds a "Sign in to continue" heading, a short line saying an account is needed, ' +
    '"Email address" and "Password" textboxes, a "Sign in" button and links to reset the password or create ' +
    'an account. None of the requested content is shown.',
  render: (_params, context) => {
    const dialect = dialectOf(context);
    const { origin, path } = pageLocation(context.observation, dialect);
    return replacePage(context.observation, dialect, {
      url: `${origin ?? ''}/login?next=${encodeURIComponent(path)}`,
      title: 'Sign in',
      nodes: [
        element('heading', 'Sign in to continue', { attributes: { level: '1' } }),
        text('You need an account to view this page.'),
        element('textbox', 'Email address'),
        element('textbox', 'Password'),
        element('button', 'Sign in'),
        element('link', 'Forgot your password?', { url: '/password-reset' }),
        element('link', 'Create an account', { url: '/signup' }),
      ],
    });
  },
  manifested: (_params, context) => {
    const page = readPage(context.observation, dialectOf(context));
    return hasNode(page, /^(?:textbox|input)$/i, /password/i) && SIGN_IN.test(pageText(page));
  },
});
