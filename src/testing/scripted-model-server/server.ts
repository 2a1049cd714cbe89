/**
 * The Hono app and the HTTP server around it: the `/v1/models` and `/v1/chat/completions` routes, request
 * recording, the script queue, going down and up again on the same port, and closing.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono } from 'hono';
import { composeCompletion, enforceBudget } from './completion.js';
import { completionChunks, completionObject, completionUsage } from './completion-payload.js';
import { defaultScriptedResponder } from './default-responder.js';
import { errorBody } from './error-body.js';
import { waitUnlessClosed, writeEventStream } from './event-stream.js';
import { PrefixCache, serializePrompt } from './prefix-cache.js';
import {
  normalizeReply,
  type ObservationReply,
  type ScriptedMessage,
  type ScriptedReply,
  type ScriptedRequest,
  type ScriptedResponder,
  type ScriptedScript,
} from './replies.js';
import { flattenContent, headersOf, optionalNumber } from './request-fields.js';
import {
  type RecordedRequest,
  SCRIPTED_MODEL_ID,
  type ScriptedModelServer,
  type ScriptedModelServerOptions,
} from './server-types.js';
import { approximateTokens, CHARS_PER_TOKEN } from './token-estimate.js';

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
    const usage = completionUsage(promptTokens, cachedTokens, completion);
    const identity = { id: `chatcmpl-scripted-${index}`, created, model };

    if (!stream) return c.json(completionObject(identity, completion, usage));

    const streamOptions = fields.stream_options as { include_usage?: unknown } | undefined;
    const events = completionChunks(identity, completion, usage, {
      chunkChars,
      includeUsage: streamOptions?.include_usage === true,
    });
    const dropAfter = reply.type === 'drop' ? (reply.afterChunks ?? 0) : Number.POSITIVE_INFINITY;
    await writeEventStream(incoming, outgoing, events, { dropAfter, chunkDelayMs });
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
      // A deep accept queue (Node's default is 511, somaxconn caps it): a burst of a thousand connections
      // otherwise overflows it, and the dropped SYNs come back only after TCP's 1 s, 3 s, 7 s … retries.
      server.listen({ port, host: '127.0.0.1', backlog: 4096 }, () => {
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
