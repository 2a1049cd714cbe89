/**
 * What a script can answer with, and what it sees of a request. A plain string is shorthand for an observation.
 */

/**
 * Where the world model's reasoning goes:
 * - `think`: `<think>…</think>` at the start of `content` (a Qwen model served without a reasoning parser);
 * - `think-close-only`: the reasoning, then `</think>`, with no opener (chat templates that put `<think>` into
 *   the generation prompt);
 * - `reasoning_content`: in `message.reasoning_content`, `content` holds only the answer (vLLM/SGLang with
 *   `--reasoning-parser qwen3`);
 * - `reasoning`: in `message.reasoning` (the field newer vLLM releases use);
 * - `none`: no reasoning at all.
 */
export type ReasoningMode = 'think' | 'think-close-only' | 'reasoning_content' | 'reasoning' | 'none';

interface ReplyTiming {
  /** Milliseconds to wait before answering (overrides the server's `latencyMs`). */
  readonly latencyMs?: number;
}

/** A well-formed world-model answer: reasoning, then the observation inside `<predicted_observation>` tags. */
export interface ObservationReply extends ReplyTiming {
  readonly type: 'observation';
  readonly observation: string;
  /** Reasoning text; a short generic sentence when omitted. */
  readonly reasoning?: string;
  readonly reasoningMode?: ReasoningMode;
  /** Put `**Environment Observation:**` on the first line inside the tag, as models sometimes do. */
  readonly marker?: boolean;
  readonly finishReason?: string;
}

/** Content sent exactly as given (no tags added): for garbage, missing-tag and odd-format answers. */
export interface RawReply extends ReplyTiming {
  readonly type: 'raw';
  /** `null` sends `"content": null`. */
  readonly content: string | null;
  readonly reasoningContent?: string;
  readonly finishReason?: string;
}

/** An HTTP error with an OpenAI-style (or any) JSON body. */
export interface ErrorReply extends ReplyTiming {
  readonly type: 'error';
  readonly status: number;
  /** Defaults to `{ error: { message, type, code } }`; a string is sent as text. */
  readonly body?: unknown;
  readonly message?: string;
  /** Sent as the `Retry-After` header: seconds (number) or an HTTP date (string). */
  readonly retryAfter?: number | string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The connection is destroyed without an answer (after `afterChunks` SSE chunks when streaming). */
export interface DropReply extends ReplyTiming {
  readonly type: 'drop';
  readonly afterChunks?: number;
}

/** Never answers; the request stays open until the client gives up or the server closes. */
export interface HangReply {
  readonly type: 'hang';
}

/** An answer cut off by the token budget: `finish_reason: "length"` and no closing tag. */
export interface TruncatedReply extends ReplyTiming {
  readonly type: 'truncated';
  readonly reasoning?: string;
  /** Text that made it into the `<predicted_observation>` block before the cut; omitted = cut inside reasoning. */
  readonly partialObservation?: string;
  readonly reasoningMode?: ReasoningMode;
}

export type ScriptedReply =
  | string
  | ObservationReply
  | RawReply
  | ErrorReply
  | DropReply
  | HangReply
  | TruncatedReply;

export interface ScriptedMessage {
  readonly role: string;
  readonly content: string;
}

/** What a responder sees of one chat-completions request. */
export interface ScriptedRequest {
  /** 0-based position among the requests handed to the script. */
  readonly index: number;
  readonly model: string;
  /** The messages with content flattened to text. */
  readonly messages: readonly ScriptedMessage[];
  readonly seed: number | undefined;
  readonly temperature: number | undefined;
  readonly topP: number | undefined;
  readonly maxTokens: number | undefined;
  readonly stream: boolean;
  /** The whole parsed request body. */
  readonly body: Readonly<Record<string, unknown>>;
  readonly headers: Readonly<Record<string, string>>;
}

export type ScriptedResponder = (
  request: ScriptedRequest,
  index: number,
) => ScriptedReply | Promise<ScriptedReply>;

/** A responder function, or a queue of replies used in order before falling back to the responder. */
export type ScriptedScript = ScriptedResponder | readonly ScriptedReply[];

/** A reply in its object form: a plain string becomes an observation. */
export function normalizeReply(reply: ScriptedReply): Exclude<ScriptedReply, string> {
  return typeof reply === 'string' ? { type: 'observation', observation: reply } : reply;
}
