import { z } from 'zod';
import { parseWith } from '../../core/validation.js';

/** Body fields the engine owns; `extraBody` may not override them. */
export const LWM_RESERVED_BODY_FIELDS = ['model', 'messages', 'stream', 'stream_options', 'n'] as const;

/** Options of the `lwm` engine: one OpenAI-compatible endpoint (vLLM, SGLang, OpenAI …) and how to sample it. */
export const LwmEngineOptionsSchema = z
  .object({
    /** Base URL of the OpenAI-compatible API, usually ending in `/v1`. */
    baseUrl: z.string().url(),
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
  .strict()
  .superRefine((options, context) => {
    for (const field of LWM_RESERVED_BODY_FIELDS) {
      if (field in options.extraBody) {
        context.addIssue({
          code: 'custom',
          path: ['extraBody', field],
          message: `"${field}" is set by the engine and cannot be overridden in extraBody`,
        });
      }
    }
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
