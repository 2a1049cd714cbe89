import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import { hasNode, pageLocation, readPage, replacePage } from './page-edit.js';
import { element, text } from './page-nodes.js';
import { dialectOf, loadsPage, pageSubject } from './web-call.js';

export const EndlessSpinnerParamsSchema = z.strictObject({});
export type EndlessSpinnerParams = z.infer<typeof EndlessSpinnerParamsSchema>;

const LOADING = /^\s*(?:loading|please wait)\b.{0,30}$/i;

/** The page never finishes loading: only a spinner, whatever the agent waits. */
export const endlessSpinner = definePerturbation<EndlessSpinnerParams>({
  id: 'endless-spinner',
  title: 'Endless loading spinner',
  description:
    'The page never finishes loading: its body is only a progress indicator named "Loading" and a "Loading…" ' +
    'text, with none of the content or controls. Applies to actions that load or change the page.',
  params: EndlessSpinnerParamsSchema,
  appliesTo: (_params, context) => loadsPage(context),
  instruction: (_params, context) =>
    `${pageSubject(context, 'Every page the agent opens').replace(/^t/, 'T')} never finishes loading: keep its URL ` +
    'and title, but its body holds only a progressbar named "Loading" and the text "Loading…", with none of ' +
    "the page's content or controls, and waiting or scrolling does not change that.",
  render: (_params, context) => {
    const dialect = dialectOf(context);
    const page = readPage(context.observation, dialect);
    return replacePage(context.observation, dialect, {
      url: pageLocation(context.observation, dialect).url,
      title: page.title ?? '',
      nodes: [element('progressbar', 'Loading'), text('Loading…')],
    });
  },
  manifested: (_params, context) => {
    const page = readPage(context.observation, dialectOf(context));
    return hasNode(page, /^(?:progressbar|status|img|generic|text|StaticText|paragraph|alert)$/i, LOADING);
  },
});
