/**
 * The judge's endpoint: an OpenAI-compatible chat-completions server, one attempt per call (the row judge
 * retries with the lwm engine's failure classification and backoff). Reasoning models (OpenAI's o- and
 * GPT-5 families) want `max_completion_tokens` and refuse any temperature but the default: `reasoningModel`
 * says so up front, and a 400 naming either parameter is adapted to at once and for the rest of the run.
 */
import OpenAI from 'openai';
import type { CallOptions } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';
import { endpointKey } from '../../engines/lwm/options.js';
import { refusedParameter } from '../infer/openai-answerer.js';
import type { JudgeMessage } from './messages.js';

export interface JudgeClientOptions {
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey?: string | undefined;
  /** The reference samples at 0.6; ignored for reasoning models. */
  readonly temperature: number;
  /** The reference allows 32,768. */
  readonly maxTokens: number;
  /** Send `max_completion_tokens` and no temperature from the start. */
  readonly reasoningModel: boolean;
  /** Limit for one attempt, from sending the request to the last byte of the answer. */
  readonly timeoutMs: number;
}

export interface JudgeReply {
  /** The visible answer (`content`); reasoning a server split off is never read for the verdict. */
  readonly content: string;
  readonly finishReason?: string;
}

export interface JudgeClient {
  /** The judge as the run manifest pins it (without the prompts). */
  readonly manifest: {
    readonly name: string;
    readonly baseUrl: string;
    readonly parameters: Record<string, unknown>;
  };
  complete(messages: readonly JudgeMessage[], options: CallOptions): Promise<JudgeReply>;
  /** What was adapted on the way (a refused parameter), for the summary. */
  notices(): readonly string[];
}

export function createJudgeClient(options: JudgeClientOptions): JudgeClient {
  const client = new OpenAI({
    baseURL: options.baseUrl,
    apiKey: options.apiKey === undefined || options.apiKey === '' ? 'EMPTY' : options.apiKey,
    maxRetries: 0,
    timeout: options.timeoutMs,
  });
  let tokenField: 'max_tokens' | 'max_completion_tokens' = options.reasoningModel
    ? 'max_completion_tokens'
    : 'max_tokens';
  let sendTemperature = !options.reasoningModel;
  const notices: string[] = [];

  async function once(
    messages: readonly JudgeMessage[],
    signal: AbortSignal | undefined,
  ): Promise<JudgeReply> {
    const body = {
      model: options.model,
      messages,
      ...(sendTemperature ? { temperature: options.temperature } : {}),
      [tokenField]: options.maxTokens,
    };
    const completion: unknown = await client.chat.completions.create(
      body as unknown as OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming,
      { timeout: options.timeoutMs, ...(signal === undefined ? {} : { signal }) },
    );
    const choices = (completion as { choices?: unknown } | null)?.choices;
    const choice = Array.isArray(choices) ? (choices[0] as Record<string, unknown> | undefined) : undefined;
    const message = choice?.message as Record<string, unknown> | null | undefined;
    if (choice === undefined || message === null || typeof message !== 'object') {
      throw new AgentWorldError(
        'MODEL_OUTPUT_INVALID',
        "The judge's answer is not a chat completion: no choices.",
        {
          details: { reason: 'malformed_response' },
        },
      );
    }
    const finishReason = typeof choice.finish_reason === 'string' ? choice.finish_reason : undefined;
    return {
      content: typeof message.content === 'string' ? message.content : '',
      ...(finishReason === undefined ? {} : { finishReason }),
    };
  }

  return {
    manifest: {
      name: options.model,
      baseUrl: endpointKey(options.baseUrl),
      parameters: {
        temperature: options.reasoningModel ? null : options.temperature,
        maxTokens: options.maxTokens,
        tokenField: options.reasoningModel ? 'max_completion_tokens' : 'max_tokens',
      },
    },
    async complete(messages, callOptions) {
      for (let adaptations = 0; ; adaptations++) {
        try {
          return await once(messages, callOptions.signal);
        } catch (error) {
          const refused = adaptations < 2 ? refusedParameter(error) : undefined;
          // Requests in flight when another one adapted fail the same way: they are sent again, adapted.
          if (refused === 'max_tokens') {
            if (tokenField === 'max_tokens')
              notices.push(
                'The judge refused max_tokens; sending max_completion_tokens from now on (pass --judge-reasoning-model to say so up front).',
              );
            tokenField = 'max_completion_tokens';
            continue;
          }
          if (refused === 'temperature') {
            if (sendTemperature)
              notices.push(
                'The judge refused temperature; sending none from now on, so its default applies (pass --judge-reasoning-model to say so up front).',
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
