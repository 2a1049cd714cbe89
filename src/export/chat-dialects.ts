import type { ChatMessage } from '../core/messages.js';
import {
  type ExportDialect,
  type MessagesRow,
  MessagesRowSchema,
  type ShareGptRow,
  ShareGptRowSchema,
} from './schemas.js';

/**
 * A chat (an optional leading system message, then user/assistant turns starting with user and ending with
 * assistant) as a row of LLaMA-Factory's sharegpt format or ms-swift's messages format.
 */
export function chatRow(messages: readonly ChatMessage[], dialect: ExportDialect): ShareGptRow | MessagesRow {
  if (dialect === 'messages') {
    return MessagesRowSchema.parse({ messages: messages.map(({ role, content }) => ({ role, content })) });
  }
  const [first, ...rest] = messages;
  const system = first?.role === 'system' ? first.content : undefined;
  const turns = first?.role === 'system' ? rest : messages;
  return ShareGptRowSchema.parse({
    conversations: turns.map((message) => {
      if (message.role === 'system') throw new RangeError('A system message may only come first.');
      return { from: message.role === 'user' ? 'human' : 'gpt', value: message.content };
    }),
    ...(system === undefined ? {} : { system }),
  });
}
