/**
 * One real-vs-simulated verdict from an OpenAI-compatible judge, over the judge stage's client (so provider quirks
 * are handled once: reasoning models get `max_completion_tokens` and no temperature). A server failure worth
 * retrying waits (backoff, or the server's Retry-After) and tries again; a reply that names neither response is
 * sampled again at once; when the retries are spent the row is failed, never guessed.
 */
import { type CallOptions, sleep } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';
import { classifyModelCallFailure, modelCallError, retryDelay } from '../../engines/lwm/retry.js';
import { createJudgeClient, type JudgeClient } from '../judge/client.js';
import type { JudgeMessage } from '../judge/messages.js';
import { type Choice, extractChoice } from './choice.js';

export interface TuringJudgeSettings {
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey?: string | undefined;
  /** Sampling temperature (default 0.6, the reference's; not sent to reasoning models). */
  readonly temperature?: number | undefined;
  /** Completion budget (default 32768, the reference's). */
  readonly maxTokens?: number | undefined;
  /** Send `max_completion_tokens` and no temperature from the start (OpenAI reasoning models). */
  readonly reasoningModel?: boolean | undefined;
  /** Milliseconds one request may take (default 600 000). */
  readonly timeoutMs?: number | undefined;
  /** Replies per row before an unreadable row fails, and attempts per streak of server failures (default 3). */
  readonly maxRetries?: number | undefined;
  /** First backoff delay in milliseconds (default 2000, the reference's pause). */
  readonly retryBaseMs?: number | undefined;
}

export type Verdict =
  | { readonly ok: true; readonly choice: Choice; readonly raw: string; readonly attempts: number }
  | { readonly ok: false; readonly error: AgentWorldError; readonly raw: string; readonly attempts: number };

export function createTuringJudgeClient(settings: TuringJudgeSettings): JudgeClient {
  return createJudgeClient({
    baseUrl: settings.baseUrl,
    model: settings.model,
    apiKey: settings.apiKey,
    temperature: settings.temperature ?? 0.6,
    maxTokens: settings.maxTokens ?? 32_768,
    reasoningModel: settings.reasoningModel ?? false,
    timeoutMs: settings.timeoutMs ?? 600_000,
  });
}

/** The parameters that change a judge's answers, as the manifest pins them. */
export function turingJudgeParameters(
  client: JudgeClient,
  settings: TuringJudgeSettings,
): Record<string, unknown> {
  return { ...client.manifest.parameters, maxRetries: settings.maxRetries ?? 3 };
}

/** Asks the judge which response is real; never throws except when the caller aborts. */
export async function askJudge(
  client: JudgeClient,
  settings: TuringJudgeSettings,
  messages: readonly JudgeMessage[],
  options: CallOptions = {},
): Promise<Verdict> {
  const maxRetries = Math.max(1, settings.maxRetries ?? 3);
  const backoff = { retryBaseMs: settings.retryBaseMs ?? 2000, retryMaxMs: 30_000, retryAfterMaxMs: 60_000 };
  let raw = '';
  let requests = 0;
  let replies = 0;
  let serverFailures = 0;
  for (;;) {
    requests += 1;
    let content: string;
    try {
      content = (await client.complete(messages, options)).content;
    } catch (error) {
      const failure = classifyModelCallFailure(error, {
        callerAborted: options.signal?.aborted === true,
        timedOut: false,
      });
      if (failure.kind === 'aborted')
        throw new AgentWorldError('ABORTED', 'The turing judge call was aborted.');
      serverFailures += 1;
      if (!failure.retryable || serverFailures >= maxRetries) {
        const code = modelCallError(failure, {
          attempts: requests,
          endpoint: settings.baseUrl,
          model: settings.model,
        }).code;
        const status = failure.status === undefined ? '' : ` (HTTP ${failure.status})`;
        const final = new AgentWorldError(
          code,
          `Judge ${settings.model}${status}: ${failure.message} [after ${requests} attempt(s)]`,
          { cause: error, retryable: failure.retryable },
        );
        return { ok: false, error: final, raw, attempts: requests };
      }
      await sleep(retryDelay(failure, serverFailures, backoff), options.signal);
      continue;
    }
    serverFailures = 0;
    replies += 1;
    raw = content;
    const choice = extractChoice(content);
    if (choice !== undefined) return { ok: true, choice, raw, attempts: requests };
    if (replies >= maxRetries) {
      return {
        ok: false,
        error: new AgentWorldError(
          'MODEL_OUTPUT_INVALID',
          `Judge ${settings.model} named neither response (no \\boxed{A} or \\boxed{B}) in ${replies} reply(ies).`,
          { retryable: false },
        ),
        raw,
        attempts: requests,
      };
    }
  }
}
