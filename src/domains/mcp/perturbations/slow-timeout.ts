import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import { callSubject } from './mcp-call.js';
import { isToolErrorResult, mentionsDuration } from './tool-error.js';

export const SlowTimeoutParamsSchema = z.strictObject({
  /** The time limit the call ran into, in milliseconds. */
  timeoutMs: z.number().int().min(1).max(3_600_000).default(30_000),
});
export type SlowTimeoutParams = z.infer<typeof SlowTimeoutParamsSchema>;

const TIMED_OUT = /timed?[ -]?out|timeout/i;

/** The tool is too slow: the request is abandoned after its time limit and reported as a timeout. */
export const slowTimeout = definePerturbation<SlowTimeoutParams>({
  id: 'slow-timeout',
  title: 'Request timeout',
  description:
    'The service behind the tool is too slow: the call is abandoned after its time limit and returns a tool ' +
    'error result saying the request timed out after that many milliseconds.',
  params: SlowTimeoutParamsSchema,
  instruction: ({ timeoutMs }, context) =>
    `Make ${callSubject(context)} time out: return only a tool error result whose text starts with ` +
    `"Error: request timed out after ${timeoutMs} ms". No result data; whether the operation took effect is unknown.`,
  render: ({ timeoutMs }) =>
    `Error: request timed out after ${timeoutMs} ms: the upstream service did not respond in time.`,
  manifested: ({ timeoutMs }, { observation }) =>
    isToolErrorResult(observation) && TIMED_OUT.test(observation) && mentionsDuration(observation, timeoutMs),
});
