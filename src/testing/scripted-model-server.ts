/**
 * A real HTTP server that speaks the OpenAI chat-completions protocol and answers from a script. It is what
 * every test and benchmark talks to instead of a real world model: it is honest about being scripted (its
 * model id defaults to `scripted-world-model`), binds to 127.0.0.1 on a random port, and can be told to
 * answer with an observation, raw text, an HTTP error, a dropped connection, a hang, or a truncated answer.
 *
 * Usage numbers are approximations (one token = four characters), and `cached_tokens` simulates a server
 * prefix cache: the longest common prefix between this prompt and any earlier prompt the server processed.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono } from 'hono';

export const SCRIPTED_MODEL_ID = 'scripted-world-model';

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

const CHARS_PER_TOKEN = 4;

/** Approximate tokens of a text (four characters a token). */
export function approximateTokens(characters: number): number {
  return Math.ceil(characters / CHARS_PER_TOKEN);
}

/** The action text of a turn prompt: the body of the code fence after `**Action:**`, else the whole message. */
function actionText(userMessage: string): string {
  const match = /\*\*Action:\*\*\n(`{3,})[^\n]*\n([\s\S]*?)\n\1/.exec(userMessage);
  return match?.[2] ?? userMessage.trim();
}

/**
 * The default responder: an observation derived only from the last user message and the request's seed, so
 * tests can assert determinism, forks and prompts:
 *
 *     scripted observation for turn N (seed S)
 *     <the action, echoed>
 */
export function defaultScriptedResponder(request: ScriptedRequest): ScriptedReply {
  const users = request.messages.filter((message) => message.role === 'user');
  const last = users[users.length - 1]?.content ?? '';
  const turn = /^### Turn (\d+)/m.exec(last)?.[1] ?? String(users.length);
  const seed = request.seed === undefined ? 'none' : String(request.seed);
  return {
    type: 'observation',
    observation: `scripted observation for turn ${turn} (seed ${seed})\n${actionText(last)}`,
    reasoning: `Scripted reasoning for turn ${turn}: the action is echoed back.`,
  };
}

function flattenContent(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part: unknown) =>
        part !== null && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string'
          ? (part as { text: string }).text
          : '',
      )
      .join('');
  }
  return '';
}

/** The prompt as a chat template would lay it out; used for token counts and the simulated prefix cache. */
function serializePrompt(messages: readonly ScriptedMessage[]): string {
  let text = '';
  for (const message of messages) text += `<|im_start|>${message.role}\n${message.content}<|im_end|>\n`;
  return text;
}

function commonPrefixLength(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let index = 0;
  while (index < limit && a.charCodeAt(index) === b.charCodeAt(index)) index++;
  return index;
}

/**
 * Remembers processed prompts in sorted order: the longest common prefix with any earlier prompt is the longest
 * one with its sorted neighbours, so a lookup costs a binary search and two comparisons.
 */
class PrefixCache {
  private sorted: string[] = [];

  lookupAndInsert(prompt: string): number {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.sorted[middle] as string) < prompt) low = middle + 1;
      else high = middle;
    }
    const before = this.sorted[low - 1];
    const after = this.sorted[low];
    const longest = Math.max(
      before === undefined ? 0 : commonPrefixLength(before, prompt),
      after === undefined ? 0 : commonPrefixLength(after, prompt),
    );
    if (after !== prompt) this.sorted.splice(low, 0, prompt);
    return longest;
  }

  clear(): void {
    this.sorted = [];
  }
}

/** The answer a completion carries, before it is sent as JSON or as a stream. */
interface CompletionBody {
  readonly content: string | null;
  readonly reasoningField: 'reasoning_content' | 'reasoning';
  readonly reasoningValue: string | undefined;
  /** Reasoning characters (inside `content` or in the field), for `reasoning_tokens`. */
  readonly reasoningChars: number;
  readonly finishReason: string;
}

const GENERIC_REASONING = 'Scripted reasoning: working out how the environment responds to this action.';

function composeCompletion(
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
function enforceBudget(body: CompletionBody, maxTokens: number | undefined): CompletionBody {
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

function normalizeReply(reply: ScriptedReply): Exclude<ScriptedReply, string> {
  return typeof reply === 'string' ? { type: 'observation', observation: reply } : reply;
}

function errorType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

function errorBody(
  status: number,
  message: string,
): { error: { message: string; type: string; code: number } } {
  return { error: { message, type: errorType(status), code: status } };
}

function headersOf(incoming: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function optionalNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Resolves `true` after `milliseconds`, or `false` as soon as the client's connection closes. */
function waitUnlessClosed(milliseconds: number, outgoing: ServerResponse): Promise<boolean> {
  if (outgoing.destroyed) return Promise.resolve(false);
  if (milliseconds <= 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      outgoing.off('close', onClose);
      resolve(true);
    }, milliseconds);
    outgoing.once('close', onClose);
  });
}

function splitText(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let index = 0; index < text.length; index += size) pieces.push(text.slice(index, index + size));
  return pieces;
}

/** Starts a scripted OpenAI-compatible server on 127.0.0.1. Close it when done. */
export async function startScriptedModelServer(
  options: ScriptedModelServerOptions = {},
): Promise<ScriptedModelServer> {
  const model = options.model ?? SCRIPTED_MODEL_ID;
  const serverMode = options.reasoningMode ?? 'think';
  const chunkChars = Math.max(1, options.streamChunkChars ?? 32);
  const chunkDelayMs = options.streamChunkDelayMs ?? 0;
  const recordRequests = options.recordRequests ?? true;
  const created = Math.floor(Date.now() / 1000);

  let responder: ScriptedResponder = defaultScriptedResponder;
  let queue: ScriptedReply[] = [];
  const applyScript = (script: ScriptedScript): void => {
    if (typeof script === 'function') {
      responder = script;
      queue = [];
    } else {
      queue = [...script];
    }
  };
  if (options.script !== undefined) applyScript(options.script);

  const requests: RecordedRequest[] = [];
  const completionBodies: Record<string, unknown>[] = [];
  const prefixCache = new PrefixCache();
  const sockets = new Set<Socket>();
  let scriptIndex = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let closing = false;

  const record = (incoming: IncomingMessage, path: string, body: unknown): Record<string, string> => {
    const headers = headersOf(incoming);
    if (recordRequests) {
      requests.push({ method: incoming.method ?? 'GET', path, body, headers, receivedAt: Date.now() });
    }
    return headers;
  };

  const authorized = (headers: Record<string, string>): boolean =>
    options.apiKey === undefined || headers.authorization === `Bearer ${options.apiKey}`;

  const app = new Hono<{ Bindings: HttpBindings }>();

  app.get('/v1/models', (c) => {
    const headers = record(c.env.incoming, '/v1/models', undefined);
    if (!authorized(headers)) return c.json(errorBody(401, 'Invalid or missing API key.'), 401);
    return c.json({
      object: 'list',
      data: [{ id: model, object: 'model', created, owned_by: 'agentworld-scripted' }],
    });
  });

  app.post('/v1/chat/completions', async (c) => {
    const { incoming, outgoing } = c.env;
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    outgoing.once('close', () => {
      inFlight--;
    });

    const text = await c.req.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      record(incoming, '/v1/chat/completions', text);
      return c.json(errorBody(400, 'The request body is not valid JSON.'), 400);
    }
    const headers = record(incoming, '/v1/chat/completions', body);
    if (!authorized(headers)) return c.json(errorBody(401, 'Invalid or missing API key.'), 401);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return c.json(errorBody(400, 'The request body must be a JSON object.'), 400);
    }
    const fields = body as Record<string, unknown>;
    if (recordRequests) completionBodies.push(fields);
    if (!Array.isArray(fields.messages) || fields.messages.length === 0) {
      return c.json(errorBody(400, '"messages" must be a non-empty array.'), 400);
    }
    const requestedModel = typeof fields.model === 'string' ? fields.model : '';
    if (options.acceptAnyModel !== true && requestedModel !== model) {
      return c.json(errorBody(404, `The model \`${requestedModel}\` does not exist.`), 404);
    }
    const messages: ScriptedMessage[] = fields.messages.map((message: unknown) => {
      const entry = (message ?? {}) as { role?: unknown; content?: unknown };
      return {
        role: typeof entry.role === 'string' ? entry.role : '',
        content: flattenContent(entry.content),
      };
    });
    const stream = fields.stream === true;
    const index = scriptIndex++;
    const request: ScriptedRequest = {
      index,
      model: requestedModel,
      messages,
      seed: optionalNumber(fields.seed),
      temperature: optionalNumber(fields.temperature),
      topP: optionalNumber(fields.top_p),
      maxTokens: optionalNumber(fields.max_tokens) ?? optionalNumber(fields.max_completion_tokens),
      stream,
      body: fields,
      headers,
    };

    let reply: Exclude<ScriptedReply, string>;
    try {
      const next = queue.shift();
      reply = normalizeReply(next ?? (await responder(request, index)));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return c.json(errorBody(500, `The script failed: ${message}`), 500);
    }

    if (reply.type === 'hang') {
      await new Promise<void>((resolve) => {
        if (outgoing.destroyed || closing) resolve();
        else outgoing.once('close', () => resolve());
      });
      incoming.socket.destroy();
      return RESPONSE_ALREADY_SENT;
    }

    const latency = reply.latencyMs ?? options.latencyMs ?? 0;
    if (!(await waitUnlessClosed(latency, outgoing))) return RESPONSE_ALREADY_SENT;

    if (reply.type === 'error') {
      const replyHeaders: Record<string, string> = { ...(reply.headers ?? {}) };
      if (reply.retryAfter !== undefined) replyHeaders['retry-after'] = String(reply.retryAfter);
      const message = reply.message ?? `Scripted error ${reply.status}.`;
      const payload = reply.body ?? errorBody(reply.status, message);
      if (typeof payload === 'string') {
        return new Response(payload, {
          status: reply.status,
          headers: { 'content-type': 'text/plain', ...replyHeaders },
        });
      }
      return new Response(JSON.stringify(payload), {
        status: reply.status,
        headers: { 'content-type': 'application/json', ...replyHeaders },
      });
    }

    if (reply.type === 'drop' && !(stream && (reply.afterChunks ?? 0) > 0)) {
      incoming.socket.destroy();
      return RESPONSE_ALREADY_SENT;
    }

    const prompt = serializePrompt(messages);
    const promptTokens = approximateTokens(prompt.length);
    const cachedTokens =
      options.simulatePrefixCache === false
        ? 0
        : Math.min(promptTokens, Math.floor(prefixCache.lookupAndInsert(prompt) / CHARS_PER_TOKEN));
    const composed =
      reply.type === 'drop'
        ? composeCompletion(defaultScriptedResponder(request) as ObservationReply, serverMode)
        : composeCompletion(reply, serverMode);
    const completion =
      options.enforceMaxTokens === true ? enforceBudget(composed, request.maxTokens) : composed;
    const completionTokens = approximateTokens(
      (completion.content?.length ?? 0) + (completion.reasoningValue?.length ?? 0),
    );
    const usage = {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: cachedTokens },
      completion_tokens_details: { reasoning_tokens: approximateTokens(completion.reasoningChars) },
    };
    const id = `chatcmpl-scripted-${index}`;

    if (!stream) {
      const message: Record<string, unknown> = { role: 'assistant', content: completion.content };
      if (completion.reasoningValue !== undefined)
        message[completion.reasoningField] = completion.reasoningValue;
      return c.json({
        id,
        object: 'chat.completion',
        created,
        model,
        system_fingerprint: 'scripted',
        choices: [{ index: 0, message, logprobs: null, finish_reason: completion.finishReason }],
        usage,
      });
    }

    const streamOptions = fields.stream_options as { include_usage?: unknown } | undefined;
    const chunk = (delta: Record<string, unknown>, finishReason: string | null): Record<string, unknown> => ({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    });
    const events: Record<string, unknown>[] = [chunk({ role: 'assistant', content: '' }, null)];
    for (const piece of splitText(completion.reasoningValue ?? '', chunkChars)) {
      events.push(chunk({ [completion.reasoningField]: piece }, null));
    }
    for (const piece of splitText(completion.content ?? '', chunkChars))
      events.push(chunk({ content: piece }, null));
    events.push(chunk({}, completion.finishReason));
    if (streamOptions?.include_usage === true) {
      events.push({ id, object: 'chat.completion.chunk', created, model, choices: [], usage });
    }
    const dropAfter = reply.type === 'drop' ? (reply.afterChunks ?? 0) : Number.POSITIVE_INFINITY;

    outgoing.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    let sent = 0;
    for (const event of events) {
      if (sent >= dropAfter) {
        incoming.socket.destroy();
        return RESPONSE_ALREADY_SENT;
      }
      if (outgoing.destroyed) return RESPONSE_ALREADY_SENT;
      const line = `data: ${JSON.stringify(event)}\n\n`;
      sent++;
      // Before a scripted drop, let the chunks reach the client so the cut really is mid-stream.
      if (sent >= dropAfter) await new Promise<void>((resolve) => outgoing.write(line, () => resolve()));
      else outgoing.write(line);
      if (chunkDelayMs > 0 && !(await waitUnlessClosed(chunkDelayMs, outgoing))) return RESPONSE_ALREADY_SENT;
    }
    outgoing.end('data: [DONE]\n\n');
    return RESPONSE_ALREADY_SENT;
  });

  app.notFound((c) => c.json(errorBody(404, `No route for ${c.req.method} ${c.req.path}.`), 404));

  const listener = getRequestListener((request, env) => app.fetch(request, env));
  const server: Server = createServer((incoming, outgoing) => {
    void listener(incoming, outgoing);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  const listen = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const onError = (error: Error): void => reject(error);
      server.once('error', onError);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', onError);
        resolve((server.address() as AddressInfo).port);
      });
    });

  const stopListening = (): Promise<void> =>
    new Promise((resolve) => {
      if (!server.listening) {
        resolve();
        return;
      }
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });

  const port = await listen(options.port ?? 0);
  let down = false;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    model,
    requests,
    completionBodies,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    get queued() {
      return queue.length;
    },
    setScript: applyScript,
    enqueue(...replies: ScriptedReply[]) {
      queue.push(...replies);
    },
    async setDown(value: boolean) {
      if (value === down || closing) return;
      down = value;
      if (value) await stopListening();
      else await listen(port);
    },
    resetStats() {
      requests.length = 0;
      completionBodies.length = 0;
      maxInFlight = inFlight;
      prefixCache.clear();
    },
    async close() {
      if (closing) return;
      closing = true;
      await stopListening();
    },
  };
}
