/**
 * One real-vs-simulated verdict from an OpenAI-compatible judge: the call, its retries, and the parsed choice.
 * A server failure worth retrying waits (backoff, or the server's Retry-After) and tries again; a reply that
 * names no response is asked again at once; when the attempts are spent the row is failed, never guessed.
 */
import OpenAI from 'openai';
import { type CallOptions, sleep } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';
import { classifyModelCallFailure, modelCallError, retryDelay } from '../../engines/lwm/retry.js';
import { type Choice, extractChoice } from './choice.js';

export interface TuringJudgeSettings {
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey?: string | undefined;
  /** Sampling temperature (default 0.6, the reference's); `null` sends none (reasoning models refuse one). */
  readonly temperature?: number | null | undefined;
  /** Completion budget (default 4096). */
  readonly maxTokens?: number | undefined;
  /** Send the budget as `max_completion_tokens` (OpenAI reasoning models) instead of `max_tokens`. */
  readonly maxCompletionTokens?: boolean | undefined;
  /** Milliseconds one attempt may take (default 300 000). */
  readonly timeoutMs?: number | undefined;
  /** Attempts per row, for server failures and unreadable replies together (default 3). */
  readonly attempts?: number | undefined;
  /** First backoff delay in milliseconds (default 1000). */
  readonly retryBaseMs?: number | undefined;
}

export type Verdict =
  | { readonly ok: true; readonly choice: Choice; readonly raw: string; readonly attempts: number }
  | { readonly ok: false; readonly error: AgentWorldError; readonly raw: string; readonly attempts: number };

/** The parameters that change a judge's answers (pinned in the manifest). */
export function judgeParameters(settings: TuringJudgeSettings): Record<string, unknown> {
  return {
    temperature: settings.temperature === undefined ? 0.6 : settings.temperature,
    maxTokens: settings.maxTokens ?? 4096,
    maxCompletionTokens: settings.maxCompletionTokens ?? false,
    attempts: settings.attempts ?? 3,
  };
}

export function createJudgeClient(settings: TuringJudgeSettings): OpenAI {
  return new OpenAI({
    baseURL: settings.baseUrl,
    apiKey: settings.apiKey ?? 'none',
    // Retries are ours (counted as attempts); the client's own would hide them.
    maxRetries: 0,
    timeout: settings.timeoutMs ?? 300_000,
  });
}

function requestBody(
  settings: TuringJudgeSettings,
  messages: ReadonlyArray<{ role: 'system' | 'user'; content: string }>,
): OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming {
  const temperature = settings.temperature === undefined ? 0.6 : settings.temperature;
  const budget = settings.maxTokens ?? 4096;
  return {
    model: settings.model,
    messages: messages.map((message) => ({ role: message.role, content: message.content })),
    ...(temperature === null ? {} : { temperature }),
    ...(settings.maxCompletionTokens === true ? { max_completion_tokens: budget } : { max_tokens: budget }),
  };
}

/** Asks the judge which response is real; never throws except when the caller aborts. */
export async function askJudge(
  client: OpenAI,
  settings: TuringJudgeSettings,
  messages: ReadonlyArray<{ role: 'system' | 'user'; content: string }>,
  options: CallOptions = {},
): Promise<Verdict> {
  const attempts = Math.max(1, settings.attempts ?? 3);
  const policy = { retryBaseMs: settings.retryBaseMs ?? 1000, retryMaxMs: 30_000, retryAfterMaxMs: 60_000 };
  let raw = '';
  let lastError: AgentWorldError | undefined;
  let serverRetries = 0;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    let content: string;
    try {
      const completion = await client.chat.completions.create(requestBody(settings, messages), {
        signal: options.signal,
      });
      // Reasoning sent apart (`reasoning_content`) is never read: only the visible content carries the verdict.
      content = completion.choices[0]?.message?.content ?? '';
    } catch (error) {
      const failure = classifyModelCallFailure(error, {
        callerAborted: options.signal?.aborted === true,
        timedOut: false,
      });
      if (failure.kind === 'aborted')
        throw new AgentWorldError('ABORTED', 'The turing judge call was aborted.');
      lastError = modelCallError(failure, {
        attempts: attempt,
        endpoint: settings.baseUrl,
        model: settings.model,
      });
      if (!failure.retryable) return { ok: false, error: lastError, raw, attempts: attempt };
      if (attempt < attempts) {
        serverRetries += 1;
        await sleep(retryDelay(failure, serverRetries, policy), options.signal);
      }
      continue;
    }
    raw = content;
    const choice = extractChoice(content);
    if (choice !== undefined) return { ok: true, choice, raw, attempts: attempt };
    lastError = new AgentWorldError(
      'MODEL_OUTPUT_INVALID',
      `Judge ${settings.model} named neither response (no \\boxed{A} or \\boxed{B}) in ${attempt} attempt(s).`,
    );
  }
  return {
    ok: false,
    error: lastError ?? new AgentWorldError('INTERNAL', 'The judge was never asked.'),
    raw,
    attempts,
  };
}
