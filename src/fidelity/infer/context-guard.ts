import { approximateTokens } from '../../testing/scripted-model-server/token-estimate.js';
import type { BenchMessage } from './answerer.js';

/** Tokens a chat template adds around each message (role markers, separators), estimated. */
const TOKENS_PER_MESSAGE = 4;

/**
 * The prompt's tokens, estimated as the project's scripted model server counts them (four characters a token)
 * plus a few per message for the chat template. An estimate: real tokenizers give more for code and non-Latin
 * text, so a guard set at the served context length should leave a margin.
 */
export function estimatePromptTokens(messages: readonly BenchMessage[]): number {
  let tokens = 0;
  for (const message of messages) tokens += approximateTokens(message.content.length) + TOKENS_PER_MESSAGE;
  return tokens;
}
