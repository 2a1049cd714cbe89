/**
 * A policy that answers from a script: a list of replies used in order, or a function of the turn. For tests
 * and for the task validator (a task's known solution, the do-nothing policy). Replies go through the same
 * adapter as a model's (text replies, tool calls, `<think>` blocks and all), so invalid replies are read, and
 * fed back, exactly as they would be for a real model.
 */
import { type CallOptions, throwIfAborted } from '../core/abort.js';
import { AgentWorldError } from '../core/errors.js';
import type { Usage } from '../core/turn.js';
import type { WorldSpec } from '../core/world-spec.js';
import {
  type AgentAdapter,
  type AgentAdapterFactory,
  agentAdapterFor,
  type PolicyToolCall,
} from './adapters/index.js';
import { AdapterConversation } from './conversation.js';
import type { Policy, PolicyDecision, PolicyFactory, PolicyTurn } from './policy.js';

/** A scripted tool call: arguments as an object, or as the (possibly malformed) JSON text a server sends. */
export interface ScriptedToolCall {
  readonly name: string;
  readonly arguments?: Record<string, unknown> | string | undefined;
  readonly id?: string | undefined;
}

/** A reply: its text, or an assistant message with tool calls and reasoning. */
export type ScriptedPolicyReply =
  | string
  | {
      readonly content?: string | null | undefined;
      readonly toolCalls?: readonly ScriptedToolCall[] | undefined;
      readonly reasoningContent?: string | undefined;
      readonly usage?: Usage | undefined;
    };

export type ScriptedPolicyScript =
  | readonly ScriptedPolicyReply[]
  | ((turn: PolicyTurn, index: number) => ScriptedPolicyReply | Promise<ScriptedPolicyReply>);

export interface ScriptedPolicyOptions {
  readonly script: ScriptedPolicyScript;
  readonly id?: string | undefined;
  /** Overrides the adapter the spec's dialect picks. */
  readonly adapter?: AgentAdapterFactory | undefined;
}

export class ScriptedPolicy implements Policy {
  readonly id: string;
  readonly adapter: AgentAdapter;
  readonly #script: ScriptedPolicyScript;
  readonly #conversation: AdapterConversation;
  #next = 0;

  constructor(
    options: ScriptedPolicyOptions,
    episode: { readonly spec: WorldSpec; readonly instruction: string },
  ) {
    this.id = options.id ?? 'scripted';
    this.#script = options.script;
    this.adapter = (options.adapter ?? agentAdapterFor)(episode.spec, episode.instruction);
    this.#conversation = new AdapterConversation(this.adapter);
  }

  messages(): readonly Record<string, unknown>[] {
    return this.#conversation.messages;
  }

  async decide(turn: PolicyTurn, options: CallOptions = {}): Promise<PolicyDecision> {
    throwIfAborted(options.signal);
    this.#conversation.observe(turn);
    const index = this.#next;
    let reply: ScriptedPolicyReply | undefined;
    if (typeof this.#script === 'function') reply = await this.#script(turn, index);
    else reply = this.#script[index];
    if (reply === undefined) {
      throw new AgentWorldError(
        'INVALID_REQUEST',
        `The scripted policy ${this.id} has no reply ${index + 1}.`,
        {
          details: { policy: this.id, reply: index },
        },
      );
    }
    throwIfAborted(options.signal);
    this.#next += 1;
    if (typeof reply === 'string') return this.#conversation.answer({ content: reply });
    const toolCalls: PolicyToolCall[] = (reply.toolCalls ?? []).map((call, position) => ({
      id: call.id ?? `call_${index}_${position}`,
      name: call.name,
      arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {}),
    }));
    return this.#conversation.answer({
      content: reply.content === undefined ? (toolCalls.length > 0 ? null : '') : reply.content,
      toolCalls,
      reasoningContent: reply.reasoningContent,
      usage: reply.usage,
    });
  }
}

/** A factory of scripted policies (each episode starts the script over). */
export function scriptedPolicyFactory(options: ScriptedPolicyOptions): PolicyFactory {
  return (spec, instruction) => new ScriptedPolicy(options, { spec, instruction });
}
