import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import { pageLocation, pageText, readPage, replacePage } from './page-edit.js';
import { element, type PageNode, text } from './page-nodes.js';
import { dialectOf, loadsPage, pageSubject } from './web-call.js';

export const ServerErrorPageParamsSchema = z.strictObject({
  /** The HTTP status of the error page. */
  status: z.literal([500, 502, 503, 504]).default(502),
});
export type ServerErrorPageParams = z.infer<typeof ServerErrorPageParamsSchema>;
type Status = ServerErrorPageParams['status'];

const REASONS: Readonly<Record<Status, string>> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The bare pages servers and proxies answer with: a heading, a sentence, sometimes the proxy's name. */
function errorBody(status: Status): PageNode[] {
  const heading = element('heading', `${status} ${REASONS[status]}`, { attributes: { level: '1' } });
  switch (status) {
    case 500:
      return [heading, text('The server hit an unexpected error and could not complete your request.')];
    case 502:
      return [heading, element('separator', ''), text('nginx')];
    case 503:
      return [heading, text('The service is temporarily unavailable. Please try again in a few minutes.')];
    case 504:
      return [heading, element('separator', ''), text('nginx')];
  }
}

/** The site answers with a bare 5xx error page instead of the requested page. */
export const serverErrorPage = definePerturbation<ServerErrorPageParams>({
  id: 'server-error-page',
  title: 'Server error page',
  description:
    'The requested page comes back as a bare HTTP 5xx error page (500, 502, 503 or 504): the status and reason ' +
    'as title and heading, no site navigation. Applies to actions that load a page.',
  params: ServerErrorPageParamsSchema,
  appliesTo: (_params, context) => loadsPage(context),
  instruction: ({ status }, context) =>
    `Make ${pageSubject(context, 'every page request')} fail on the server: the browser shows a bare ` +
    `"${status} ${REASONS[status]}" error page at the requested URL, with that text as the page title and as ` +
    "its only heading (plus at most one short line, such as the proxy name), and none of the site's content or " +
    'navigation.',
  render: ({ status }, context) => {
    const dialect = dialectOf(context);
    return replacePage(context.observation, dialect, {
      url: pageLocation(context.observation, dialect).url,
      title: `${status} ${REASONS[status]}`,
      nodes: errorBody(status),
    });
  },
  manifested: ({ status }, context) => {
    const shown = pageText(readPage(context.observation, dialectOf(context)));
    return shown.includes(String(status)) && shown.toLowerCase().includes(REASONS[status].toLowerCase());
  },
});
