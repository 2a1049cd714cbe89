import { createHash, type Hash } from 'node:crypto';
import { sha256 } from './hash.js';
import { guardTags } from './untrusted-text.js';

/** One chat message in the OpenAI chat-completions shape. */
export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

export const OBSERVATION_MARKER = '**Environment Observation:**';
export const OBSERVATION_TAG = 'predicted_observation';

/** A headed section placed before `**Action:**` in a turn prompt (e.g. `Current State`). */
export interface TurnSection {
  readonly heading: string;
  readonly body: string;
}

/** The turn block of the AgentWorldBench layout: `### Turn N`, optional sections, then the fenced action. */
export function renderTurnPrompt(
  turnIndex: number,
  sections: readonly TurnSection[],
  fencedAction: string,
): string {
  let text = `### Turn ${turnIndex}\n`;
  for (const section of sections) {
    text += `**${section.heading}:**\n${section.body}\n\n`;
  }
  return `${text}**Action:**\n${fencedAction}`;
}

/** The assistant message that records an observation in history. */
export function renderObservationMessage(observation: string): string {
  return `${OBSERVATION_MARKER}\n${observation}`;
}

/**
 * A code fence around `body` with a language tag, using a fence longer than any backtick run inside the body so
 * the block can never be closed early. The body is untrusted data: its `<think>` and `<predicted_observation>`
 * tags are made inert with `guardTags` (see untrusted-text.ts); any other body renders unchanged.
 */
export function fence(body: string, language = ''): string {
  const safe = guardTags(body);
  let longest = 0;
  for (const match of safe.matchAll(/`+/g)) longest = Math.max(longest, match[0].length);
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  return `${ticks}${language}\n${safe}\n${ticks}`;
}

/**
 * Our default instruction appended to the newest user message only (written for AgentWorld). It is kept short
 * on purpose: it is the one part of every prompt a server's prefix cache can never reuse. The standing rules
 * it refers to are in the system prompt (`ANSWER_RULES`).
 */
export const DEFAULT_TURN_INSTRUCTION = `Give the environment's response inside <${OBSERVATION_TAG}></${OBSERVATION_TAG}> tags.`;

/** The standing answer rules every system prompt of ours ends with. */
export const ANSWER_RULES = [
  '- Be exact: reproduce the output format the real environment prints, byte for byte where it is fixed.',
  '- Show the edge cases and failures the real environment would show for the action.',
  '- Stay consistent with everything earlier in the session: state, names, ids, numbers and time.',
  '- Show only what the environment itself shows: no commentary, no notes about the simulation.',
  `- Think first if you need to, then write the observation alone inside <${OBSERVATION_TAG}></${OBSERVATION_TAG}> tags.`,
].join('\n');

/**
 * The full message list of one world-model call: system prompt, the byte-stable history, then the newest user
 * message with the trailing instruction.
 */
export function buildMessages(input: {
  readonly systemPrompt: string;
  readonly history: ReadonlyArray<{ readonly prompt: string; readonly observation: string }>;
  readonly currentPrompt: string;
  readonly turnInstruction: string;
}): ChatMessage[] {
  const messages: ChatMessage[] = [];
  if (input.systemPrompt.length > 0) messages.push({ role: 'system', content: input.systemPrompt });
  for (const turn of input.history) {
    messages.push({ role: 'user', content: turn.prompt });
    messages.push({ role: 'assistant', content: renderObservationMessage(turn.observation) });
  }
  messages.push(newestUserMessage(input.currentPrompt, input.turnInstruction));
  return messages;
}

/**
 * The newest user message: the turn prompt (with this turn's control block, if any, which stays in history),
 * then the trailing turn instruction, which history drops.
 */
export function newestUserMessage(currentPrompt: string, turnInstruction: string): ChatMessage {
  return { role: 'user', content: `${currentPrompt}\n\n${turnInstruction}` };
}

/**
 * The prompt hash of a message list: equal to `contentHash(messages)` (sha256 of canonical JSON), computed
 * without the generic key sorting because a chat message has exactly two keys. It runs on every step.
 */
export function hashMessages(messages: readonly ChatMessage[]): string {
  return sha256(
    JSON.stringify(messages.map((message) => ({ content: message.content, role: message.role }))),
  );
}

function messageJson(message: ChatMessage): string {
  return JSON.stringify({ content: message.content, role: message.role });
}

/**
 * `hashMessages` for a conversation that only grows: it holds the hash state of the messages so far, so each
 * step hashes only its new messages. Immutable: `append` returns a new prefix and never changes this one, so
 * forks can share it.
 */
export class MessageHashPrefix {
  private constructor(
    private readonly state: Hash,
    private readonly count: number,
  ) {}

  static empty(): MessageHashPrefix {
    return new MessageHashPrefix(createHash('sha256').update('['), 0);
  }

  append(messages: readonly ChatMessage[]): MessageHashPrefix {
    return this.appendEncoded(messages.map(messageJson));
  }

  /** `append` for messages already encoded as `messageJson` gives them. */
  appendEncoded(encoded: readonly string[]): MessageHashPrefix {
    const state = this.state.copy();
    let count = this.count;
    for (const json of encoded) {
      state.update(count === 0 ? json : `,${json}`);
      count += 1;
    }
    return new MessageHashPrefix(state, count);
  }

  /** The hash of the prefix followed by `last`, equal to `hashMessages([...prefix, ...last])`. */
  digestWith(last: readonly ChatMessage[]): string {
    return this.digestWithEncoded(last.map(messageJson));
  }

  digestWithEncoded(encoded: readonly string[]): string {
    return this.appendEncoded(encoded).state.update(']').digest('hex');
  }
}

/**
 * The part of a session's prompt that never changes once sent: the system prompt and the history messages, as
 * their JSON text with its hash state. Immutable: `appendTurn` returns a new prefix, so forks share it. A step
 * costs one new message to render, hash and encode, whatever the history length; engines send the JSON as it is
 * (V8 joins the pieces without copying until it is sent) and parse it back only if they read `messages`.
 */
export class ConversationPrefix {
  private constructor(
    /** The system message's content ('' when there is none). */
    readonly systemPrompt: string,
    private readonly hash: MessageHashPrefix,
    /** The messages as comma-separated JSON objects (keys `content`, `role`), without the brackets. */
    private readonly json: string,
    readonly length: number,
  ) {}

  static start(systemPrompt: string): ConversationPrefix {
    const messages: ChatMessage[] =
      systemPrompt.length > 0 ? [{ role: 'system', content: systemPrompt }] : [];
    const encoded = messages.map(messageJson);
    return new ConversationPrefix(
      systemPrompt,
      MessageHashPrefix.empty().appendEncoded(encoded),
      encoded.join(','),
      messages.length,
    );
  }

  /** The messages so far, parsed back from their JSON (a new array each call). */
  get messages(): ChatMessage[] {
    return JSON.parse(`[${this.json}]`) as ChatMessage[];
  }

  appendTurn(prompt: string, observation: string): ConversationPrefix {
    const encoded = [
      messageJson({ role: 'user', content: prompt }),
      messageJson({ role: 'assistant', content: renderObservationMessage(observation) }),
    ];
    const addedJson = encoded.join(',');
    return new ConversationPrefix(
      this.systemPrompt,
      this.hash.appendEncoded(encoded),
      this.json.length === 0 ? addedJson : `${this.json},${addedJson}`,
      this.length + 2,
    );
  }

  /**
   * One world-model call: its messages (parsed from the JSON when first read), their hash
   * (`hashMessages(messages)`) and their JSON text.
   */
  request(newest: ChatMessage): ConversationRequest {
    const newestJson = messageJson(newest);
    const messagesJson = this.json.length === 0 ? `[${newestJson}]` : `[${this.json},${newestJson}]`;
    let messages: ChatMessage[] | undefined;
    return {
      get messages(): ChatMessage[] {
        messages ??= JSON.parse(messagesJson) as ChatMessage[];
        return messages;
      },
      promptHash: this.hash.digestWithEncoded([newestJson]),
      messagesJson,
    };
  }
}

/** The messages of one world-model call, with their hash and JSON text. */
export interface ConversationRequest {
  /** Parsed from `messagesJson` the first time it is read. */
  readonly messages: ChatMessage[];
  readonly promptHash: string;
  readonly messagesJson: string;
}
