import type { ObservationReply, RawReply, ReasoningMode, TruncatedReply } from './replies.js';
import { CHARS_PER_TOKEN } from './token-estimate.js';

/** The answer a completion carries, before it is sent as JSON or as a stream. */
export interface CompletionBody {
  readonly content: string | null;
  readonly reasoningField: 'reasoning_content' | 'reasoning';
  readonly reasoningValue: string | undefined;
  /** Reasoning characters (inside `content` or in the field), for `reasoning_tokens`. */
  readonly reasoningChars: number;
  readonly finishReason: string;
}

const GENERIC_REASONING = 'Scripted reasoning: working out how the environment responds to this action.';

/** Lays a reply out as the model would: reasoning placed according to the reasoning mode, then the answer. */
export function composeCompletion(
  reply: ObservationReply | RawReply | TruncatedReply,
  serverMode: ReasoningMode,
): CompletionBody {
  if (reply.type === 'raw') {
    return {
      content: reply.content,
      reasoningField: 'reasoning_content',
      reasoningValue: reply.reasoningContent,
      reasoningChars: reply.reasoningContent?.length ?? 0,
      finishReason: reply.finishReason ?? 'stop',
    };
  }
  const mode = reply.reasoningMode ?? serverMode;
  const reasoning = reply.reasoning ?? GENERIC_REASONING;
  let answer: string | undefined;
  let finishReason: string;
  if (reply.type === 'observation') {
    const marker = reply.marker === true ? '**Environment Observation:**\n' : '';
    answer = `<predicted_observation>\n${marker}${reply.observation}\n</predicted_observation>`;
    finishReason = reply.finishReason ?? 'stop';
  } else {
    answer =
      reply.partialObservation === undefined
        ? undefined
        : `<predicted_observation>\n${reply.partialObservation}`;
    finishReason = 'length';
  }
  const field = mode === 'reasoning' ? 'reasoning' : 'reasoning_content';
  switch (mode) {
    case 'think':
      return {
        content:
          answer === undefined ? `<think>\n${reasoning}` : `<think>\n${reasoning}\n</think>\n\n${answer}`,
        reasoningField: field,
        reasoningValue: undefined,
        reasoningChars: reasoning.length,
        finishReason,
      };
    case 'think-close-only':
      return {
        content: answer === undefined ? reasoning : `${reasoning}\n</think>\n\n${answer}`,
        reasoningField: field,
        reasoningValue: undefined,
        reasoningChars: reasoning.length,
        finishReason,
      };
    case 'reasoning_content':
    case 'reasoning':
      return {
        content: answer === undefined ? null : `\n\n${answer}`,
        reasoningField: field,
        reasoningValue: reasoning,
        reasoningChars: reasoning.length,
        finishReason,
      };
    case 'none':
      return {
        content: answer ?? '',
        reasoningField: field,
        reasoningValue: undefined,
        reasoningChars: 0,
        finishReason,
      };
  }
}

/** Cuts an answer to `maxTokens` (reasoning first, as a model generates it). */
export function enforceBudget(body: CompletionBody, maxTokens: number | undefined): CompletionBody {
  if (maxTokens === undefined) return body;
  const budget = maxTokens * CHARS_PER_TOKEN;
  const reasoningLength = body.reasoningValue?.length ?? 0;
  const contentLength = body.content?.length ?? 0;
  if (reasoningLength + contentLength <= budget) return body;
  const reasoningValue = body.reasoningValue?.slice(0, budget);
  const left = Math.max(0, budget - (reasoningValue?.length ?? 0));
  const content = body.content === null ? null : body.content.slice(0, left);
  const hasContent = content !== null && content.length > 0;
  return {
    ...body,
    content: reasoningValue !== undefined && !hasContent ? null : content,
    reasoningValue,
    reasoningChars: Math.min(body.reasoningChars, budget),
    finishReason: 'length',
  };
}
