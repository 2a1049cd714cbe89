/**
 * Judging one answered row (spec §3.3): a row with no generation fails with "No model generation" and the judge
 * is never called; otherwise the judge is asked until its reply parses. An unparseable reply is sampled again
 * at once; an API failure waits (exponential backoff, or the server's Retry-After) and is sent again; a refused
 * request (4xx) is not retried. After the attempts the row is `failed`, with `judgeError`, and never scored:
 * an API failure stays retryable (a resumed run judges the row again), an unparseable judge does not.
 */
import { type CallOptions, sleep } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';
import {
  type BackoffPolicy,
  classifyModelCallFailure,
  type ModelCallFailure,
  retryDelay,
} from '../../engines/lwm/retry.js';
import { type BenchError, type InferLine, JUDGED_LINE_FORMAT, type JudgedLine } from '../schemas.js';
import type { JudgeClient } from './client.js';
import { judgeMessages } from './messages.js';
import { parseJudgeOutput } from './parse.js';
import type { JudgePromptSet } from './prompt-set.js';

export const NO_GENERATION = 'No model generation';

export interface JudgeLineOptions extends CallOptions {
  readonly client: JudgeClient;
  readonly prompts: JudgePromptSet;
  /** Judge replies sampled before an unparseable row fails, and attempts per API failure streak (reference: 3). */
  readonly maxAttempts: number;
  readonly backoff: BackoffPolicy;
  readonly random?: () => number;
}

function judged(line: InferLine, fields: Partial<JudgedLine>): JudgedLine {
  return { ...line, format: JUDGED_LINE_FORMAT, ...fields } as JudgedLine;
}

function failedLine(line: InferLine, error: BenchError, raw?: string): JudgedLine {
  return judged(line, { failed: true, judgeError: error, ...(raw === undefined ? {} : { judgeRaw: raw }) });
}

function apiError(failure: ModelCallFailure, attempts: number, model: string): BenchError {
  const status = failure.status === undefined ? '' : ` (HTTP ${failure.status})`;
  const code =
    failure.kind === 'timeout'
      ? 'ENGINE_TIMEOUT'
      : failure.kind === 'rate_limited'
        ? 'ENGINE_RATE_LIMITED'
        : failure.kind === 'connection'
          ? 'ENGINE_UNAVAILABLE'
          : 'ENGINE_ERROR';
  return {
    code,
    message: `Judge ${model}${status}: ${failure.message} [after ${attempts} attempt(s)]`,
    retryable: failure.retryable,
  };
}

/** The judged line of one infer line; throws only when the caller aborts. */
export async function judgeLine(line: InferLine, options: JudgeLineOptions): Promise<JudgedLine> {
  if (line.failed || line.gen === '') {
    return failedLine(line, { code: 'NO_GENERATION', message: NO_GENERATION, retryable: false });
  }
  const messages = judgeMessages(line, options.prompts);
  if (messages === undefined) {
    return failedLine(line, {
      code: 'INVALID_REQUEST',
      message: `turn_idx ${line.turn_idx} has no ground truth (response holds ${line.response.length})`,
      retryable: false,
    });
  }
  const model = options.client.manifest.name;
  let requests = 0;
  let replies = 0;
  let apiFailures = 0;
  let lastReply = '';
  let lastReason = '';
  while (replies < options.maxAttempts) {
    requests += 1;
    let content: string;
    try {
      content = (await options.client.complete(messages, options)).content;
    } catch (error) {
      const failure = classifyModelCallFailure(error, {
        callerAborted: options.signal?.aborted === true,
        timedOut: false,
      });
      if (failure.kind === 'aborted')
        throw new AgentWorldError('ABORTED', 'Judging was aborted.', { cause: error });
      apiFailures += 1;
      if (!failure.retryable || apiFailures >= options.maxAttempts)
        return failedLine(line, apiError(failure, requests, model));
      await sleep(retryDelay(failure, apiFailures, options.backoff, options.random), options.signal);
      continue;
    }
    apiFailures = 0;
    replies += 1;
    const parsed = parseJudgeOutput(content);
    if (parsed.ok) {
      return judged(line, {
        failed: false,
        judge: {
          scores: parsed.scores,
          totalScore: parsed.totalScore,
          strengths: parsed.strengths,
          weaknesses: parsed.weaknesses,
          raw: content,
          attempts: requests,
        },
      });
    }
    lastReply = content;
    lastReason = parsed.reason;
  }
  return failedLine(
    line,
    {
      code: 'MODEL_OUTPUT_INVALID',
      message: `Judge scoring failed: ${replies} repl${replies === 1 ? 'y' : 'ies'} from ${model} could not be parsed (${lastReason})`,
      retryable: false,
    },
    lastReply,
  );
}
