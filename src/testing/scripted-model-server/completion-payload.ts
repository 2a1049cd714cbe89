/**
 * The wire shapes of a composed completion: the usage block, the `chat.completion` object answered as JSON,
 * and the `chat.completion.chunk` events of a stream.
 */
import type { CompletionBody } from './completion.js';
import { approximateTokens } from './token-estimate.js';

/** The fields every completion object and chunk repeats. */
export interface CompletionIdentity {
  readonly id: string;
  readonly created: number;
  readonly model: string;
}

export interface CompletionUsage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
  readonly prompt_tokens_details: { readonly cached_tokens: number };
  readonly completion_tokens_details: { readonly reasoning_tokens: number };
}

/** Token counts of one answer, estimated from its characters. */
export function completionUsage(
  promptTokens: number,
  cachedTokens: number,
  completion: CompletionBody,
): CompletionUsage {
  const completionTokens = approximateTokens(
    (completion.content?.length ?? 0) + (completion.reasoningValue?.length ?? 0),
  );
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: cachedTokens },
    completion_tokens_details: { reasoning_tokens: approximateTokens(completion.reasoningChars) },
  };
}

/** The whole answer as one `chat.completion` object (a request without `stream`). */
export function completionObject(
  identity: CompletionIdentity,
  completion: CompletionBody,
  usage: CompletionUsage,
): Record<string, unknown> {
  const message: Record<string, unknown> = { role: 'assistant', content: completion.content };
  if (completion.reasoningValue !== undefined) message[completion.reasoningField] = completion.reasoningValue;
  return {
    id: identity.id,
    object: 'chat.completion',
    created: identity.created,
    model: identity.model,
    system_fingerprint: 'scripted',
    choices: [{ index: 0, message, logprobs: null, finish_reason: completion.finishReason }],
    usage,
  };
}

function splitText(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let index = 0; index < text.length; index += size) pieces.push(text.slice(index, index + size));
  return pieces;
}

/**
 * The stream's events in order: the role, the reasoning and the content in pieces of `chunkChars`
 * characters, the finish reason, and the usage when the client asked for it.
 */
export function completionChunks(
  identity: CompletionIdentity,
  completion: CompletionBody,
  usage: CompletionUsage,
  options: { readonly chunkChars: number; readonly includeUsage: boolean },
): Record<string, unknown>[] {
  const { id, created, model } = identity;
  const chunk = (delta: Record<string, unknown>, finishReason: string | null): Record<string, unknown> => ({
    id,
    object: 'chat.completion.chunk',
    created,
    model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  });
  const events: Record<string, unknown>[] = [chunk({ role: 'assistant', content: '' }, null)];
  for (const piece of splitText(completion.reasoningValue ?? '', options.chunkChars)) {
    events.push(chunk({ [completion.reasoningField]: piece }, null));
  }
  for (const piece of splitText(completion.content ?? '', options.chunkChars))
    events.push(chunk({ content: piece }, null));
  events.push(chunk({}, completion.finishReason));
  if (options.includeUsage) {
    events.push({ id, object: 'chat.completion.chunk', created, model, choices: [], usage });
  }
  return events;
}
