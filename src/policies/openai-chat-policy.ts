/**
 * A policy served by any OpenAI-compatible chat server (vLLM, SGLang, OpenAI …) through the `openai` client,
 * driven through its dialect's agent adapter: tool calling when the harness calls tools, plain text otherwise.
 * Sampling parameters are per policy. Reasoning (`reasoning_content`, `<think>` blocks) is never parsed as the
 * action; it stays in the messages (`reasoning_content`) and in the decision (`reasoning`).
 *
 * Blame: an HTTP error, a timeout, a dropped connection or an answer that is not a chat completion is an
 * infrastructure failure, thrown as an AgentWorldError (the world-model engine's classification: ENGINE_TIMEOUT,
 * ENGINE_UNAVAILABLE, ENGINE_RATE_LIMITED, ENGINE_ERROR, MODEL_OUTPUT_INVALID, with its retryable flag; ABORTED
 * when the caller's signal fired). A reply that is not a valid action is the agent's: `invalid`, never thrown.
 * One attempt per decision: retrying is the rollout runner's call (a retried decision does not show its turn
 * twice).
 */
import OpenAI from 'openai';
import { type CallOptions, throwIfAborted } from '../core/abort.js';
import { AgentWorldError } from '../core/errors.js';
import type { WorldSpec } from '../core/world-spec.js';
import { classifyModelCallFailure, modelCallError, usageFromOpenAI } from '../engines/lwm/index.js';
import {
  type AgentAdapter,
  type AgentAdapterFactory,
  agentAdapterFor,
  type PolicyToolCall,
} from './adapters/index.js';
import { AdapterConversation, type AssistantAnswer } from './conversation.js';
import type { Policy, PolicyDecision, PolicyFactory, PolicyTurn } from './policy.js';

export interface PolicySampling {
  readonly temperature?: number | undefined;
  readonly topP?: number | undefined;
  readonly maxTokens?: number | undefined;
  /** The sampling seed; a factory gives each episode its own. */
  readonly seed?: number | undefined;
  readonly stop?: readonly string[] | undefined;
  /** Fields added to the request body as they are (`top_k`, `chat_template_kwargs`, `repetition_penalty` …). */
  readonly extraBody?: Readonly<Record<string, unknown>> | undefined;
}

export interface OpenAiChatPolicyOptions {
  /** Base URL of the server, ending in `/v1`. */
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey?: string | undefined;
  readonly headers?: Readonly<Record<string, string>> | undefined;
  /** Per request (default 120,000). */
  readonly timeoutMs?: number | undefined;
  readonly sampling?: PolicySampling | undefined;
  /** Policy id in reports (default `openai:<model>`). */
  readonly id?: string | undefined;
  /** Overrides the adapter the spec's dialect picks. */
  readonly adapter?: AgentAdapterFactory | undefined;
  /** A custom fetch (proxies, instrumentation). */
  readonly fetch?: typeof fetch | undefined;
}

export interface OpenAiChatPolicyEpisode {
  readonly spec: WorldSpec;
  readonly instruction: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function notACompletion(reason: string): AgentWorldError {
  return new AgentWorldError(
    'MODEL_OUTPUT_INVALID',
    `The policy server's answer is not a chat completion: ${reason}.`,
    {
      details: { reason: 'not_a_completion' },
    },
  );
}

/** The assistant answer of a chat completion; MODEL_OUTPUT_INVALID when it is not one. */
export function answerOfCompletion(completion: unknown): AssistantAnswer {
  if (!isRecord(completion)) throw notACompletion('not a JSON object');
  const choice = Array.isArray(completion.choices) ? completion.choices[0] : undefined;
  if (!isRecord(choice) || !isRecord(choice.message)) throw notACompletion('no choices');
  const message = choice.message;
  if (message.content !== null && message.content !== undefined && typeof message.content !== 'string') {
    throw notACompletion('the content is not a string');
  }
  const rawCalls = message.tool_calls ?? [];
  if (!Array.isArray(rawCalls)) throw notACompletion('tool_calls is not an array');
  const toolCalls: PolicyToolCall[] = rawCalls.map((call, index) => {
    const fn = isRecord(call) ? call.function : undefined;
    if (!isRecord(call) || !isRecord(fn) || typeof fn.name !== 'string') {
      throw notACompletion(`tool call ${index} has no function name`);
    }
    const args = fn.arguments;
    return {
      id: typeof call.id === 'string' && call.id !== '' ? call.id : `call_${index}`,
      name: fn.name,
      arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}),
    };
  });
  const reasoning = message.reasoning_content ?? message.reasoning;
  const usage = usageFromOpenAI(completion.usage);
  return {
    content: typeof message.content === 'string' ? message.content : null,
    toolCalls,
    ...(typeof reasoning === 'string' && reasoning !== '' ? { reasoningContent: reasoning } : {}),
    ...(usage === undefined ? {} : { usage }),
  };
}

export class OpenAiChatPolicy implements Policy {
  readonly id: string;
  readonly adapter: AgentAdapter;
  readonly #options: OpenAiChatPolicyOptions;
  readonly #client: OpenAI;
  readonly #conversation: AdapterConversation;

  constructor(options: OpenAiChatPolicyOptions, episode: OpenAiChatPolicyEpisode) {
    this.#options = options;
    this.id = options.id ?? `openai:${options.model}`;
    this.adapter = (options.adapter ?? agentAdapterFor)(episode.spec, episode.instruction);
    this.#conversation = new AdapterConversation(this.adapter);
    this.#client = new OpenAI({
      baseURL: options.baseUrl,
      apiKey: options.apiKey === undefined || options.apiKey === '' ? 'EMPTY' : options.apiKey,
      maxRetries: 0,
      timeout: options.timeoutMs ?? 120_000,
      ...(options.headers === undefined ? {} : { defaultHeaders: { ...options.headers } }),
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
  }

  messages(): readonly Record<string, unknown>[] {
    return this.#conversation.messages;
  }

  /** The request body for the conversation so far. */
  requestBody(): Record<string, unknown> {
    const sampling = this.#options.sampling ?? {};
    const tools =
      this.adapter.mode === 'tools' && this.adapter.tools.length > 0 ? this.adapter.tools : undefined;
    return {
      ...(sampling.extraBody ?? {}),
      model: this.#options.model,
      messages: this.#conversation.messages,
      ...(tools === undefined ? {} : { tools, tool_choice: 'auto' }),
      ...(sampling.temperature === undefined ? {} : { temperature: sampling.temperature }),
      ...(sampling.topP === undefined ? {} : { top_p: sampling.topP }),
      ...(sampling.maxTokens === undefined ? {} : { max_tokens: sampling.maxTokens }),
      ...(sampling.seed === undefined ? {} : { seed: sampling.seed }),
      ...(sampling.stop === undefined ? {} : { stop: [...sampling.stop] }),
    };
  }

  async decide(turn: PolicyTurn, options: CallOptions = {}): Promise<PolicyDecision> {
    const signal = options.signal;
    throwIfAborted(signal);
    this.#conversation.observe(turn);
    let answer: AssistantAnswer;
    try {
      const completion: unknown = await this.#client.chat.completions.create(
        this.requestBody() as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming,
        signal === undefined ? {} : { signal },
      );
      answer = answerOfCompletion(completion);
    } catch (error) {
      throw this.#infraError(error, signal);
    }
    // Reading the reply is the harness's business: a bad reply is `invalid`, not a failure of the server.
    return this.#conversation.answer(answer);
  }

  #infraError(error: unknown, signal: AbortSignal | undefined): AgentWorldError {
    const failure = classifyModelCallFailure(error, {
      callerAborted: signal?.aborted === true,
      timedOut: false,
    });
    const raised = modelCallError(failure, {
      attempts: 1,
      endpoint: this.#options.baseUrl,
      model: this.#options.model,
    });
    if (raised.code === 'ABORTED') return raised;
    return new AgentWorldError(raised.code, raised.message.replace(/^World model/, 'Policy model'), {
      cause: error,
      details: { ...raised.details, role: 'policy' },
      retryable: raised.retryable,
    });
  }
}

/** A factory of OpenAI chat policies: each episode its own conversation and sampling seed. */
export function openAiChatPolicyFactory(options: OpenAiChatPolicyOptions): PolicyFactory {
  return (spec, instruction, seed) =>
    new OpenAiChatPolicy(
      { ...options, sampling: { ...(options.sampling ?? {}), seed } },
      { spec, instruction },
    );
}
