import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import { callSubject } from './mcp-call.js';
import { isToolErrorResult } from './tool-error.js';

const CREDENTIAL_WORDS = {
  token: 'access token',
  'api-key': 'API key',
  session: 'session',
} as const;

export const ExpiredAuthParamsSchema = z.strictObject({
  /** What expired: an OAuth access token, an API key or a login session. */
  credential: z.enum(['token', 'api-key', 'session']).default('token'),
});
export type ExpiredAuthParams = z.infer<typeof ExpiredAuthParamsSchema>;

const AUTH_FAILURE =
  /\b401\b|unauthori[sz]ed|\bexpired\b|re-?authenticat|invalid (?:access )?(?:token|credentials|api key)/i;

/** The server's credentials to its backing service expired: 401 Unauthorized until they are renewed. */
export const expiredAuth = definePerturbation<ExpiredAuthParams>({
  id: 'expired-auth',
  title: 'Expired credentials (401)',
  description:
    'The credentials the server uses for its backing service expired: the call returns a tool error result with ' +
    'HTTP 401 Unauthorized saying the access token, API key or session expired.',
  params: ExpiredAuthParamsSchema,
  instruction: ({ credential }, context) =>
    `Make ${callSubject(context)} fail authentication: return only a tool error result whose text starts with ` +
    `"Error: HTTP 401 Unauthorized" and says the ${CREDENTIAL_WORDS[credential]} has expired and must be ` +
    'renewed. No data is returned and nothing changes.',
  render: ({ credential }) =>
    `Error: HTTP 401 Unauthorized: the ${CREDENTIAL_WORDS[credential]} has expired. Re-authenticate to obtain ` +
    'new credentials, then retry the request.',
  manifested: (_params, { observation }) => isToolErrorResult(observation) && AUTH_FAILURE.test(observation),
});
