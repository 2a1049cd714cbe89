import { z } from 'zod';
import { parseWith } from '../../core/validation.js';

/** Body fields the engine owns; `extraBody` may not override them. */
export const LWM_RESERVED_BODY_FIELDS = ['model', 'messages', 'stream', 'stream_options', 'n'] as const;

/**
 * Options of the `lwm` engine: one OpenAI-compatible endpoint (vLLM, SGLang, OpenAI …), or several replicas of one
 * model, and how to sample it.
 */
const LwmEngineOptionsObjectSchema = z
  .object({
    /** Base URL of the OpenAI-compatible API, usually ending in `/v1`. Give this or `baseUrls`. */
    baseUrl: z.string().url().optional(),
    /**
     * Base URLs of several replicas serving the same model (vLLM/SGLang processes): requests go to the healthy
     * replica with the fewest outstanding requests, a session stays on one replica while it is healthy (its prefix
     * cache lives there), and a failed attempt is retried on another replica. Give this or `baseUrl`.
     */
    baseUrls: z.array(z.string().url()).min(1).optional(),
    /** With several replicas: how often each one is probed with `GET {baseUrl}/models`. */
    healthCheckIntervalMs: z.number().int().positive().default(5_000),
    /** With several replicas: the limit of one probe; no answer in time marks the replica unhealthy. */
    healthCheckTimeoutMs: z.number().int().positive().default(2_000),
    /** Model id as the server names it, e.g. `Qwen/Qwen-AgentWorld-35B-A3B`. */
    model: z.string().min(1),
    /** Sent as `Authorization: Bearer …`; local servers accept anything. */
    apiKey: z.string().default('EMPTY'),
    temperature: z.number().min(0).max(2).default(0.6),
    topP: z.number().gt(0).max(1).optional(),
    /** Generation budget per call (reasoning included). */
    maxTokens: z.number().int().positive().default(32768),
    /** Limit for one attempt, from sending the request to the last byte of the answer. */
    timeoutMs: z.number().int().positive().default(600_000),
    /** Retries after the first attempt (so at most `maxRetries + 1` requests per prediction). */
    maxRetries: z.number().int().nonnegative().default(4),
    /** Exponential backoff: `retryBaseMs · 2^(retry−1)`, capped at `retryMaxMs`, with jitter. */
    retryBaseMs: z.number().int().nonnegative().default(500),
    retryMaxMs: z.number().int().nonnegative().default(30_000),
    /** Upper bound on a server's `Retry-After`. */
    retryAfterMaxMs: z.number().int().nonnegative().default(60_000),
    /** Requests in flight per endpoint, shared by every engine that uses the same `baseUrl`. */
    concurrency: z.number().int().positive().default(16),
    /** Ask for server-sent events and assemble the answer from the chunks. */
    stream: z.boolean().default(false),
    /**
     * Extra request fields, e.g. `{ chat_template_kwargs: { enable_thinking: true }, top_k: 20 }`. They are sent
     * last, so they may override sampling fields (`temperature`, `max_tokens`, `seed` …) but not the fields in
     * LWM_RESERVED_BODY_FIELDS.
     */
    extraBody: z.record(z.string(), z.unknown()).default({}),
    /** Send a `seed` derived from the session seed and turn (see `deriveSamplingSeed`). */
    sendSeed: z.boolean().default(true),
    /** Extra HTTP headers on every request. */
    headers: z.record(z.string(), z.string()).default({}),
  })
  .strict();

export const LwmEngineOptionsSchema = LwmEngineOptionsObjectSchema.superRefine((options, context) => {
  if (options.baseUrl === undefined && options.baseUrls === undefined) {
    context.addIssue({ code: 'custom', path: ['baseUrl'], message: 'give baseUrl or baseUrls' });
  }
  if (options.baseUrl !== undefined && options.baseUrls !== undefined) {
    context.addIssue({ code: 'custom', path: ['baseUrls'], message: 'give baseUrl or baseUrls, not both' });
  }
  for (const field of LWM_RESERVED_BODY_FIELDS) {
    if (field in options.extraBody) {
      context.addIssue({
        code: 'custom',
        path: ['extraBody', field],
        message: `"${field}" is set by the engine and cannot be overridden in extraBody`,
      });
    }
  }
}).transform((options) => {
  // Normalized: `baseUrls` lists every replica (no duplicates), `baseUrl` is the first.
  const given = options.baseUrls ?? [options.baseUrl as string];
  const seen = new Set<string>();
  const baseUrls = given.filter((url) => {
    const key = endpointKey(url);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { ...options, baseUrl: baseUrls[0] as string, baseUrls };
});

export type LwmEngineOptionsInput = z.input<typeof LwmEngineOptionsSchema>;
export type LwmEngineOptions = z.output<typeof LwmEngineOptionsSchema>;

/** Validates engine options (CONFIG_INVALID names the bad field). */
export function parseLwmEngineOptions(input: unknown): LwmEngineOptions {
  return parseWith(LwmEngineOptionsSchema, input, 'CONFIG_INVALID', 'lwm engine options');
}

/** The endpoint key used to share concurrency limits: the base URL without trailing slashes. */
export function endpointKey(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}
