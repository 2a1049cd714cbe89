import OpenAI, { APIError } from 'openai';
import type { CallOptions } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';
import { endpointKey } from '../../engines/lwm/options.js';
import { usageFromOpenAI } from '../../engines/lwm/usage.js';
import type { BenchMessage, RawGeneration, RowAnswerer, TokenLogprob } from './answerer.js';

export interface OpenAiAnswererOptions {
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey?: string;
  /** Omitted from requests when undefined (reasoning models that reject it). */
  readonly temperature?: number | undefined;
  readonly topP?: number | undefined;
  readonly maxTokens: number;
  /** `max_completion_tokens` for reasoning models that refuse `max_tokens`. */
  readonly tokenField: 'max_tokens' | 'max_completion_tokens';
  /** Ask for `logprobs: true`. */
  readonly logprobs: boolean;
  /** Extra request fields (e.g. `chat_template_kwargs`), sent last. */
  readonly extraBody?: Record<string, unknown>;
  /** Limit for one attempt, from sending the request to the last byte of the answer. */
  readonly timeoutMs: number;
  readonly fetch?: typeof fetch;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function tokenLogprobs(choice: Record<string, unknown>): TokenLogprob[] | undefined {
  const logprobs = choice.logprobs as { content?: unknown } | null | undefined;
  if (logprobs === null || typeof logprobs !== 'object' || !Array.isArray(logprobs.content)) return undefined;
  const tokens: TokenLogprob[] = [];
  for (const entry of logprobs.content as unknown[]) {
    const fields = entry as { token?: unknown; logprob?: unknown } | null;
    if (typeof fields?.token !== 'string' || typeof fields.logprob !== 'number') return undefined;
    tokens.push({ token: fields.token, logprob: fields.logprob });
  }
  return tokens;
}

/** Which request parameter a 400 answer refuses, when it names one we can adapt. */
export function refusedParameter(error: unknown): 'max_tokens' | 'temperature' | undefined {
  if (!(error instanceof APIError) || error.status !== 400) return undefined;
  const body = error.error as { message?: unknown; param?: unknown } | undefined;
  const message = `${typeof body?.message === 'string' ? body.message : error.message} ${typeof body?.param === 'string' ? body.param : ''}`;
  if (/max_tokens/.test(message) && /max_completion_tokens|not supported|unsupported/i.test(message))
    return 'max_tokens';
  if (/temperature/i.test(message) && /support|unsupported|only the default|not allowed/i.test(message))
    return 'temperature';
  return undefined;
}

/**
 * `--engine lwm`: the OpenAI-compatible chat-completions endpoint the lwm engine talks to, one attempt per call
 * (no client retries; the runner retries with the lwm engine's classification and backoff). A 400 that names
 * `max_tokens` (use `max_completion_tokens`) or `temperature` (only the default) is adapted to at once and for
 * the rest of the run, with a notice: reasoning models refuse both.
 */
export function createOpenAiAnswerer(options: OpenAiAnswererOptions): RowAnswerer {
  const client = new OpenAI({
    baseURL: options.baseUrl,
    apiKey: options.apiKey === undefined || options.apiKey === '' ? 'EMPTY' : options.apiKey,
    maxRetries: 0,
    timeout: options.timeoutMs,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  let tokenField = options.tokenField;
  let sendTemperature = options.temperature !== undefined;
  const notices: string[] = [];

  function body(messages: readonly BenchMessage[]): Record<string, unknown> {
    return {
      model: options.model,
      messages,
      ...(sendTemperature ? { temperature: options.temperature } : {}),
      ...(options.topP === undefined ? {} : { top_p: options.topP }),
      [tokenField]: options.maxTokens,
      ...(options.logprobs ? { logprobs: true } : {}),
      ...options.extraBody,
    };
  }

  async function callOnce(
    messages: readonly BenchMessage[],
    signal: AbortSignal | undefined,
  ): Promise<RawGeneration> {
    const completion: unknown = await client.chat.completions.create(
      body(messages) as unknown as OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming,
      { timeout: options.timeoutMs, ...(signal === undefined ? {} : { signal }) },
    );
    const fields = (completion ?? {}) as { choices?: unknown; usage?: unknown };
    const choice = Array.isArray(fields.choices)
      ? (fields.choices[0] as Record<string, unknown> | undefined)
      : undefined;
    const message = choice?.message;
    if (choice === undefined || message === null || typeof message !== 'object') {
      throw new AgentWorldError(
        'MODEL_OUTPUT_INVALID',
        "The server's answer is not a chat completion: no choices.",
        {
          details: { reason: 'malformed_response' },
        },
      );
    }
    const messageFields = message as Record<string, unknown>;
    const reasoning = text(messageFields.reasoning_content) ?? text(messageFields.reasoning);
    const finishReason = text(choice.finish_reason);
    const usage = usageFromOpenAI(fields.usage);
    const logprobs = options.logprobs ? tokenLogprobs(choice) : undefined;
    return {
      content: text(messageFields.content) ?? '',
      ...(reasoning === undefined ? {} : { reasoning }),
      ...(finishReason === undefined ? {} : { finishReason }),
      ...(usage === undefined ? {} : { usage }),
      ...(logprobs === undefined ? {} : { logprobs }),
    };
  }

  return {
    manifest: {
      engine: 'lwm',
      name: options.model,
      baseUrl: endpointKey(options.baseUrl),
      parameters: {
        temperature: options.temperature ?? null,
        ...(options.topP === undefined ? {} : { topP: options.topP }),
        maxTokens: options.maxTokens,
        tokenField: options.tokenField,
        ...(options.extraBody === undefined || Object.keys(options.extraBody).length === 0
          ? {}
          : { extraBody: options.extraBody }),
      },
    },
    async answer(_row, messages, callOptions: CallOptions) {
      for (let adaptations = 0; ; adaptations++) {
        try {
          return await callOnce(messages, callOptions.signal);
        } catch (error) {
          const refused = adaptations < 2 ? refusedParameter(error) : undefined;
          // Requests in flight when another one adapted fail the same way: they are sent again, adapted.
          if (refused === 'max_tokens') {
            if (tokenField === 'max_tokens')
              notices.push(
                'The server refused max_tokens; sending max_completion_tokens from now on (pass --max-completion-tokens to say so up front).',
              );
            tokenField = 'max_completion_tokens';
            continue;
          }
          if (refused === 'temperature') {
            if (sendTemperature)
              notices.push(
                'The server refused temperature; sending none from now on, so the server default applies (pass --no-temperature to say so up front).',
              );
            sendTemperature = false;
            continue;
          }
          throw error;
        }
      }
    },
    notices: () => notices,
  };
}
