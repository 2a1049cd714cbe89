import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import { callSubject } from './mcp-call.js';
import { isToolErrorResult, reasonPhrase } from './tool-error.js';

const STATUS_DETAILS: Readonly<Record<number, string>> = {
  500: 'the server hit an unexpected condition while handling the request',
  502: 'the upstream service answered with an invalid response',
  503: 'the upstream service is temporarily unavailable',
  504: 'the upstream service did not answer in time',
};

export const Intermittent5xxParamsSchema = z.strictObject({
  /** The HTTP status the backing service fails with. */
  status: z.literal([500, 502, 503, 504]).default(503),
});
export type Intermittent5xxParams = z.infer<typeof Intermittent5xxParamsSchema>;

function firstLine(status: number): string {
  return `Error: HTTP ${status} ${reasonPhrase(status)}`;
}

/**
 * The service behind the tool fails with a 5xx status: the call returns a tool error result (`isError: true`)
 * instead of its data. With a rule's `probability` it comes and goes, seeded, as real outages do.
 */
export const intermittent5xx = definePerturbation<Intermittent5xxParams>({
  id: 'intermittent-5xx',
  title: 'Intermittent server error',
  description:
    'The service behind the tool fails with an HTTP 5xx status (500, 502, 503 or 504): the call returns a tool ' +
    'error result instead of data. Give the rule a probability to make the failure intermittent.',
  params: Intermittent5xxParamsSchema,
  instruction: ({ status }, context) =>
    `Make ${callSubject(context)} fail on the server side: return only a tool error result whose text starts ` +
    `with "${firstLine(status)}" followed by a short reason (${STATUS_DETAILS[status]}), with no result data. ` +
    'Nothing the call would have changed is changed.',
  render: ({ status }) =>
    `${firstLine(status)}: ${STATUS_DETAILS[status]}. The request was not completed; retrying may succeed.`,
  manifested: ({ status }, { observation }) =>
    isToolErrorResult(observation) &&
    (observation.includes(String(status)) ||
      observation.toLowerCase().includes(reasonPhrase(status).toLowerCase())),
});
