import OpenAI from 'openai';
import { type CallOptions, sleep, throwIfAborted } from '../../core/abort.js';
import type { Engine, Prediction, PredictRequest } from '../../core/engine.js';
import { AgentWorldError } from '../../core/errors.js';
import type { SessionEvent, Usage } from '../../core/turn.js';
import { extractObservation } from './extract.js';
import { type EndpointLimiter, endpointLimiter } from './limiter.js';
import { type LwmEngineOptions, type LwmEngineOptionsInput, parseLwmEngineOptions } from './options.js';
import { type HealthTimer, isInfrastructureFailure, probeReplica } from './replica-health.js';
import { type ReplicaHealthSnapshot, ReplicaPool } from './replica-pool.js';
import { classifyModelCallFailure, modelCallError, noHealthyReplicaError, retryDelay } from './retry.js';
import { deriveSamplingSeed } from './seed.js';
import { type LwmUsageTotals, UsageMeter, usageFromOpenAI } from './usage.js';

/** The event naming the replica that answered a prediction (only with several replicas). */
export const REPLICA_EVENT = 'engine.replica';

/** An engine backed by an OpenAI-compatible world-model server. */
export interface LwmEngine extends Engine {
  readonly id: 'lwm';
  readonly model: string;
  /** The validated options, without the API key and extra headers (they may hold secrets). */
  readonly options: Readonly<Omit<LwmEngineOptions, 'apiKey' | 'headers'>>;
  /** Totals over every attempt this engine made, failed ones included. */
  usage(): LwmUsageTotals;
  /**
   * The replicas (one per base URL) and their health: what a `/health` route reports. With one base URL it is
   * never marked unhealthy (`checked: false`).
   */
  replicaHealth(): ReplicaHealthSnapshot;
}

/** One answer as the server sent it, before extraction. */
interface RawAnswer {
  readonly content: string | null;
  readonly reasoning: string | undefined;
  readonly finishReason: string | undefined;
  readonly usage: Usage | undefined;
}

type ChatParams = OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming;
type ChatStreamParams = OpenAI.Chat.Completions.ChatCompletionCreateParamsStreaming;

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `reasoning_content` (vLLM/SGLang reasoning parsers) or `reasoning` (newer vLLM), whichever is present. */
function reasoningOf(fields: Record<string, unknown>): string | undefined {
  return text(fields.reasoning_content) ?? text(fields.reasoning);
}

function notACompletion(what: string): AgentWorldError {
  return new AgentWorldError(
    'MODEL_OUTPUT_INVALID',
    `The server's answer is not a chat completion: ${what}.`,
    {
      details: { reason: 'malformed_response' },
    },
  );
}

/**
 * Creates the `lwm` engine. Every prediction is one chat-completions call (retried on transient failures)
 * whose answer must contain a `<predicted_observation>` block.
 *
 * @example
 * const engine = createLwmEngine({ baseUrl: 'http://127.0.0.1:8000/v1', model: 'Qwen/Qwen-AgentWorld-35B-A3B' });
 */
/** Things that cannot live in JSON options: a custom `fetch` (proxies, instrumentation, tests). */
export interface LwmEngineRuntime {
  readonly fetch?: typeof fetch;
  /** When replica probes run (default: every `healthCheckIntervalMs`, unref'd); tests tick one by hand. */
  readonly healthTimer?: HealthTimer;
  /** The clock of the replicas' health times (default `Date.now`). */
  readonly now?: () => number;
}

/** What one replica needs to be called: its client and its endpoint's concurrency limit. */
interface ReplicaTarget {
  readonly client: OpenAI;
  readonly limiter: EndpointLimiter;
}

export function createLwmEngine(input: LwmEngineOptionsInput, runtime: LwmEngineRuntime = {}): LwmEngine {
  const options = parseLwmEngineOptions(input);
  const { apiKey, headers, ...publicOptions } = options;
  const bearer = apiKey === '' ? 'EMPTY' : apiKey;
  const targets = new Map<string, ReplicaTarget>();
  for (const baseUrl of options.baseUrls) {
    const limiter = endpointLimiter(baseUrl, options.concurrency);
    const client = new OpenAI({
      baseURL: baseUrl,
      apiKey: bearer,
      maxRetries: 0,
      timeout: options.timeoutMs,
      defaultHeaders: headers,
      ...(runtime.fetch === undefined ? {} : { fetch: runtime.fetch }),
    });
    targets.set(limiter.endpoint, { client, limiter });
  }
  const replicated = targets.size > 1;
  const probeFetch = runtime.fetch ?? fetch;
  const pool = new ReplicaPool([...targets.keys()], {
    intervalMs: options.healthCheckIntervalMs,
    ...(runtime.healthTimer === undefined ? {} : { timer: runtime.healthTimer }),
    ...(runtime.now === undefined ? {} : { now: runtime.now }),
    probe: (url, signal) =>
      probeReplica(url, {
        fetch: probeFetch,
        headers: { authorization: `Bearer ${bearer}`, ...headers },
        timeoutMs: options.healthCheckTimeoutMs,
        signal,
      }),
  });
  const meter = new UsageMeter();
  let closed = false;

  /** The request parameters; without `messages` when they are sent as the session's ready-made JSON. */
  function body(request: PredictRequest, seed: number, withMessages: boolean): Record<string, unknown> {
    return {
      model: options.model,
      // ChatMessages are already plain { role, content } objects: sent as they are, without a copy per step.
      ...(withMessages ? { messages: request.messages } : {}),
      temperature: options.temperature,
      ...(options.topP === undefined ? {} : { top_p: options.topP }),
      max_tokens: options.maxTokens,
      ...(options.sendSeed ? { seed } : {}),
      stream: options.stream,
      ...(options.stream ? { stream_options: { include_usage: true } } : {}),
      ...options.extraBody,
    };
  }

  /**
   * The request body as JSON text, with the messages spliced in from the session's ready-made JSON (when it has
   * one and `extraBody` does not replace them): re-encoding a long history on every step was the largest single
   * cost per step. The text parses to exactly `params`.
   */
  function encodedBody(params: Record<string, unknown>, messagesJson: string): string {
    const restJson = JSON.stringify(params);
    return restJson === '{}'
      ? `{"messages":${messagesJson}}`
      : `{"messages":${messagesJson},${restJson.slice(1)}`;
  }

  async function callOnce(
    client: OpenAI,
    params: Record<string, unknown>,
    encoded: string | undefined,
    signal: AbortSignal,
  ): Promise<RawAnswer> {
    // A string body with a content type is sent verbatim by the client (it encodes objects itself otherwise).
    const requestOptions =
      encoded === undefined
        ? { signal, timeout: options.timeoutMs }
        : {
            signal,
            timeout: options.timeoutMs,
            body: encoded,
            headers: { 'content-type': 'application/json' },
          };
    if (!options.stream) {
      const completion: unknown = await client.chat.completions.create(
        params as unknown as ChatParams,
        requestOptions,
      );
      if (completion === null || typeof completion !== 'object') throw notACompletion('not a JSON object');
      const fields = completion as { choices?: unknown; usage?: unknown };
      const choice = Array.isArray(fields.choices)
        ? (fields.choices[0] as Record<string, unknown> | undefined)
        : undefined;
      const message = choice?.message;
      if (choice === undefined || message === null || typeof message !== 'object')
        throw notACompletion('no choices');
      const messageFields = message as Record<string, unknown>;
      return {
        content: text(messageFields.content) ?? null,
        reasoning: reasoningOf(messageFields),
        finishReason: text(choice.finish_reason),
        usage: usageFromOpenAI(fields.usage),
      };
    }
    const stream = await client.chat.completions.create(
      params as unknown as ChatStreamParams,
      requestOptions,
    );
    let content = '';
    let sawContent = false;
    let reasoning = '';
    let sawReasoning = false;
    let finishReason: string | undefined;
    let usage: Usage | undefined;
    for await (const chunk of stream) {
      const chunkUsage = usageFromOpenAI(chunk.usage);
      if (chunkUsage !== undefined) usage = chunkUsage;
      const choice = chunk.choices?.[0];
      if (choice === undefined) continue;
      const delta = (choice.delta ?? {}) as Record<string, unknown>;
      const piece = text(delta.content);
      if (piece !== undefined) {
        content += piece;
        sawContent = true;
      }
      const thought = reasoningOf(delta);
      if (thought !== undefined) {
        reasoning += thought;
        sawReasoning = true;
      }
      if (typeof choice.finish_reason === 'string') finishReason = choice.finish_reason;
    }
    // The client ends the iteration quietly when the signal fires; a cut-off stream is no answer.
    throwIfAborted(signal);
    return {
      content: sawContent ? content : null,
      reasoning: sawReasoning ? reasoning : undefined,
      finishReason,
      usage,
    };
  }

  /** One attempt inside an endpoint slot, with its own timer covering the whole answer. */
  async function attempt(
    client: OpenAI,
    params: Record<string, unknown>,
    encoded: string | undefined,
    callerSignal: AbortSignal | undefined,
    timer: { timedOut: boolean },
  ): Promise<RawAnswer> {
    const controller = new AbortController();
    const timeout = setTimeout(() => {
      timer.timedOut = true;
      controller.abort(new Error(`no complete answer within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    // Forward the caller's abort by hand rather than with AbortSignal.any: on Node 20 a combined signal stays
    // alive while the client's listener on it does, which leaked a few KB per request.
    const forwardAbort = (): void => controller.abort(callerSignal?.reason);
    if (callerSignal?.aborted) forwardAbort();
    else callerSignal?.addEventListener('abort', forwardAbort, { once: true });
    try {
      return await callOnce(client, params, encoded, controller.signal);
    } finally {
      clearTimeout(timeout);
      callerSignal?.removeEventListener('abort', forwardAbort);
    }
  }

  async function predict(request: PredictRequest, callOptions: CallOptions = {}): Promise<Prediction> {
    if (closed)
      throw new AgentWorldError('INVALID_REQUEST', `The lwm engine for ${options.model} is closed.`);
    const signal = callOptions.signal;
    throwIfAborted(signal);
    const events: SessionEvent[] = [];
    let resamples = 0;
    /** Replicas this prediction failed on: the next attempt goes to another one while there is one. */
    const failedOn = new Set<string>();
    for (let attemptNumber = 1; ; attemptNumber++) {
      const seed = deriveSamplingSeed(request.seed, request.turnIndex, resamples);
      const timer = { timedOut: false };
      let sent = false;
      const lease = pool.acquire(request.sessionId, failedOn);
      if (lease === undefined) throw noHealthyReplicaError(options.model, pool.snapshot(), attemptNumber - 1);
      const { client, limiter } = targets.get(lease.url) as ReplicaTarget;
      try {
        let answer: RawAnswer;
        try {
          answer = await limiter.run(() => {
            sent = true;
            meter.request();
            const json = options.extraBody.messages === undefined ? request.messagesJson : undefined;
            const params = body(request, seed, json === undefined);
            return attempt(
              client,
              params,
              json === undefined ? undefined : encodedBody(params, json),
              signal,
              timer,
            );
          }, signal);
        } finally {
          lease.release();
        }
        pool.reportSuccess(lease.url);
        if (replicated) {
          events.push({
            type: REPLICA_EVENT,
            message: `Answered by replica ${lease.url}${lease.movedFrom === undefined ? '' : ` (session moved from unhealthy ${lease.movedFrom})`}`,
            data: {
              replica: lease.url,
              attempt: attemptNumber,
              ...(lease.movedFrom === undefined ? {} : { movedFrom: lease.movedFrom }),
            },
          });
        }
        meter.tokens(answer.usage);
        const extracted = extractObservation(answer.content, answer.reasoning, {
          finishReason: answer.finishReason,
        });
        return {
          observation: extracted.observation,
          provenance: {
            source: 'simulated',
            engine: 'lwm',
            model: options.model,
            promptHash: request.promptHash,
          },
          events,
          ...(answer.usage === undefined ? {} : { usage: answer.usage }),
          ...(extracted.reasoning === undefined ? {} : { reasoning: extracted.reasoning }),
          ...(answer.finishReason === undefined ? {} : { finishReason: answer.finishReason }),
        };
      } catch (error) {
        const failure = classifyModelCallFailure(error, {
          callerAborted: signal?.aborted === true,
          timedOut: timer.timedOut,
        });
        // Giving up while queued for a slot sent nothing: that is no failed request.
        if (sent) meter.failure();
        if (sent && isInfrastructureFailure(failure)) pool.reportFailure(lease.url, failure.message);
        failedOn.add(lease.url);
        if (!failure.retryable || attemptNumber > options.maxRetries) {
          throw modelCallError(failure, {
            attempts: attemptNumber,
            endpoint: limiter.endpoint,
            model: options.model,
          });
        }
        const delayMs = retryDelay(failure, attemptNumber, options);
        events.push({
          type: 'engine.retry',
          message: `Attempt ${attemptNumber} failed (${failure.kind}${failure.status === undefined ? '' : ` ${failure.status}`}): ${failure.message}`,
          data: {
            attempt: attemptNumber,
            reason: failure.kind,
            delayMs,
            ...(failure.status === undefined ? {} : { status: failure.status }),
            ...(replicated ? { replica: lease.url } : {}),
          },
        });
        meter.retry();
        if (failure.kind === 'invalid_output') resamples++;
        await sleep(delayMs, signal);
      }
    }
  }

  return {
    id: 'lwm',
    model: options.model,
    options: publicOptions,
    identity() {
      return {
        engine: 'lwm',
        // Replicas serve one model: the set of them, in a fixed order, in place of the one base URL.
        ...(replicated ? { baseUrls: [...targets.keys()].sort() } : { baseUrl: [...targets.keys()][0] }),
        model: options.model,
        temperature: options.temperature,
        ...(options.topP === undefined ? {} : { topP: options.topP }),
        maxTokens: options.maxTokens,
        extraBody: options.extraBody,
        sendSeed: options.sendSeed,
      };
    },
    predict,
    usage: () => meter.snapshot(),
    replicaHealth: () => pool.snapshot(),
    async releaseSession(sessionId: string) {
      pool.forgetSession(sessionId);
    },
    async close() {
      closed = true;
      pool.close();
    },
  };
}
