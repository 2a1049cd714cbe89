import type { ReasoningMode, ScriptedReply, ScriptedScript } from './replies.js';

export const SCRIPTED_MODEL_ID = 'scripted-world-model';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** The parsed JSON body (the raw text when it was not JSON; `undefined` for GET). */
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
  readonly receivedAt: number;
}

export interface ScriptedModelServerOptions {
  /** Default: the deterministic `defaultScriptedResponder`. */
  readonly script?: ScriptedScript;
  /** Model id served (default `scripted-world-model`). */
  readonly model?: string;
  /** Answer requests for any model name; by default another name gets a 404, as vLLM does. */
  readonly acceptAnyModel?: boolean;
  /** Default `think`. */
  readonly reasoningMode?: ReasoningMode;
  /** Milliseconds before every answer (default 0). */
  readonly latencyMs?: number;
  /** Characters per streamed chunk (default 32). */
  readonly streamChunkChars?: number;
  /** Milliseconds between streamed chunks (default 0). */
  readonly streamChunkDelayMs?: number;
  /** When set, requests must carry `Authorization: Bearer <apiKey>` (else 401). */
  readonly apiKey?: string;
  /** Cut answers longer than the request's `max_tokens` (4 chars a token) with `finish_reason: "length"`. */
  readonly enforceMaxTokens?: boolean;
  /** Keep every request in `requests` (default true; benchmarks may turn it off). */
  readonly recordRequests?: boolean;
  /**
   * Report `cached_tokens` from a simulated prefix cache (default true). It keeps every prompt in memory, so
   * benchmarks that send tens of thousands of long prompts turn it off (cached_tokens is then 0).
   */
  readonly simulatePrefixCache?: boolean;
  /** Default 0 (a random free port). */
  readonly port?: number;
}

export interface ScriptedModelServer {
  /** Base URL ending in `/v1`, e.g. `http://127.0.0.1:41234/v1`. */
  readonly url: string;
  readonly port: number;
  readonly model: string;
  /** Every request received, in order. */
  readonly requests: readonly RecordedRequest[];
  /** The chat-completion request bodies received, in order. */
  readonly completionBodies: readonly Record<string, unknown>[];
  /** Chat-completion requests being answered right now. */
  readonly inFlight: number;
  /** The most chat-completion requests ever answered at once. */
  readonly maxInFlight: number;
  /** Replaces the script: a function becomes the responder; an array becomes the queue. */
  setScript(script: ScriptedScript): void;
  /** Appends replies to the queue. */
  enqueue(...replies: ScriptedReply[]): void;
  /** Replies still queued. */
  readonly queued: number;
  /** `true` stops listening (clients get connection refused); `false` listens again on the same port. */
  setDown(down: boolean): Promise<void>;
  /** Forgets recorded requests, the in-flight maximum and the simulated prefix cache. */
  resetStats(): void;
  close(): Promise<void>;
}
