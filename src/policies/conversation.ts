/**
 * The part every policy shares: one episode's conversation through its adapter. `observe` adds what the harness
 * shows for a turn (once per step: a decision retried after an infrastructure failure does not show the turn
 * twice, nor advance the harness's state twice), `answer` records the assistant message as the server sent it
 * (reasoning kept in its own field) and reads it through the adapter.
 */

import type { Usage } from '../core/turn.js';
import { stripThinking } from '../engines/lwm/index.js';
import type { AgentAdapter, ChatMessage, PolicyToolCall } from './adapters/index.js';
import type { PolicyDecision, PolicyTurn } from './policy.js';

/** One assistant answer as a policy got it. */
export interface AssistantAnswer {
  /** The content as sent (`<think>` blocks included when the server left them there). */
  readonly content: string | null;
  readonly toolCalls?: readonly PolicyToolCall[] | undefined;
  /** `reasoning_content` (or `reasoning`) when the server parsed the reasoning out. */
  readonly reasoningContent?: string | undefined;
  readonly usage?: Usage | undefined;
}

export class AdapterConversation {
  readonly adapter: AgentAdapter;
  readonly #messages: ChatMessage[] = [];
  #shownStep: number | undefined;

  constructor(adapter: AgentAdapter) {
    this.adapter = adapter;
  }

  /** The conversation so far (OpenAI messages, tool calls included). */
  get messages(): readonly ChatMessage[] {
    return this.#messages;
  }

  /** Adds the turn's messages; a turn already shown (its decision failed and is retried) is not shown again. */
  observe(turn: PolicyTurn): void {
    if (this.#shownStep === turn.step) return;
    this.#messages.push(...this.adapter.present(turn));
    this.#shownStep = turn.step;
  }

  /** Records the answer and reads it as the harness does. */
  answer(answer: AssistantAnswer): PolicyDecision {
    const content = answer.content ?? '';
    const toolCalls = answer.toolCalls ?? [];
    const stripped = stripThinking(content);
    const reasoning = [answer.reasoningContent ?? '', stripped.thinking]
      .filter((part) => part !== '')
      .join('\n\n');
    this.#messages.push({
      role: 'assistant',
      content: answer.content,
      ...(toolCalls.length === 0
        ? {}
        : {
            tool_calls: toolCalls.map((call) => ({
              id: call.id,
              type: 'function',
              function: { name: call.name, arguments: call.arguments },
            })),
          }),
      ...(answer.reasoningContent === undefined ? {} : { reasoning_content: answer.reasoningContent }),
    });
    // The next decision shows a new turn.
    this.#shownStep = undefined;
    const parsed = stripped.text === content ? content : stripped.text.trimStart();
    const decision = this.adapter.parse({ content: parsed, toolCalls });
    const reply =
      toolCalls.length === 0
        ? content
        : JSON.stringify(toolCalls.map((call) => ({ name: call.name, arguments: call.arguments })));
    return {
      ...decision,
      reply,
      ...(reasoning === '' ? {} : { reasoning }),
      ...(answer.usage === undefined ? {} : { usage: answer.usage }),
    };
  }
}
