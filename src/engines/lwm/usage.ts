import type { Usage } from '../../core/turn.js';

/** Totals of one engine over its life: every attempt counts, failed ones included. */
export interface LwmUsageTotals {
  /** HTTP requests sent (attempts). */
  readonly requests: number;
  /** Attempts that failed for any reason (transport, HTTP status, unusable answer, abort). */
  readonly failures: number;
  /** Retries scheduled after a failed attempt. */
  readonly retries: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly cachedPromptTokens: number;
  readonly reasoningTokens: number;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.round(value) : undefined;
}

/**
 * Our Usage from an OpenAI `usage` object (`prompt_tokens_details.cached_tokens` → cachedPromptTokens,
 * `completion_tokens_details.reasoning_tokens` → reasoningTokens). Undefined when the server sent none.
 */
export function usageFromOpenAI(raw: unknown): Usage | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const fields = raw as Record<string, unknown>;
  const promptTokens = count(fields.prompt_tokens);
  const completionTokens = count(fields.completion_tokens);
  if (promptTokens === undefined && completionTokens === undefined) return undefined;
  const prompt = promptTokens ?? 0;
  const completion = completionTokens ?? 0;
  const cached = count(
    (fields.prompt_tokens_details as Record<string, unknown> | null | undefined)?.cached_tokens,
  );
  const reasoning = count(
    (fields.completion_tokens_details as Record<string, unknown> | null | undefined)?.reasoning_tokens,
  );
  return {
    promptTokens: prompt,
    completionTokens: completion,
    totalTokens: count(fields.total_tokens) ?? prompt + completion,
    ...(cached === undefined ? {} : { cachedPromptTokens: cached }),
    ...(reasoning === undefined ? {} : { reasoningTokens: reasoning }),
  };
}

/** Running totals for `engine.usage()`. */
export class UsageMeter {
  private totals = {
    requests: 0,
    failures: 0,
    retries: 0,
    promptTokens: 0,
    completionTokens: 0,
    cachedPromptTokens: 0,
    reasoningTokens: 0,
  };

  request(): void {
    this.totals.requests++;
  }

  failure(): void {
    this.totals.failures++;
  }

  retry(): void {
    this.totals.retries++;
  }

  tokens(usage: Usage | undefined): void {
    if (usage === undefined) return;
    this.totals.promptTokens += usage.promptTokens;
    this.totals.completionTokens += usage.completionTokens;
    this.totals.cachedPromptTokens += usage.cachedPromptTokens ?? 0;
    this.totals.reasoningTokens += usage.reasoningTokens ?? 0;
  }

  snapshot(): LwmUsageTotals {
    return { ...this.totals };
  }
}
