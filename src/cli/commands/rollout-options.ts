/**
 * Option parsers and settings shared by `agentworld rollout` and `agentworld rollout compare`; the number parsers
 * serve the bench commands too.
 */
import { InvalidArgumentError } from 'commander';
import type { JudgeSettings } from '../../tasks/verifiers/index.js';

export function wholeNumber(minimum: number): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isInteger(parsed) || parsed < minimum) {
      throw new InvalidArgumentError(`must be a whole number ≥ ${minimum}`);
    }
    return parsed;
  };
}

export function positiveNumber(value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !(parsed > 0)) throw new InvalidArgumentError('must be a number > 0');
  return parsed;
}

/** A number from `minimum` to `maximum` (inclusive; no upper bound when left out). */
export function numberFrom(minimum: number, maximum = Number.POSITIVE_INFINITY): (value: string) => number {
  return (value) => {
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isFinite(parsed) || parsed < minimum || parsed > maximum) {
      throw new InvalidArgumentError(
        maximum === Number.POSITIVE_INFINITY
          ? `must be a number ≥ ${minimum}`
          : `must be a number from ${minimum} to ${maximum}`,
      );
    }
    return parsed;
  };
}

export interface JudgeFlags {
  readonly judgeUrl?: string | undefined;
  readonly judgeModel?: string | undefined;
  readonly judgeApiKey?: string | undefined;
}

/** The rubric judge: the flags, else AGENTWORLD_JUDGE_*; undefined when no judge URL is set. */
export function judgeOf(flags: JudgeFlags): JudgeSettings | undefined {
  const baseURL = flags.judgeUrl ?? process.env.AGENTWORLD_JUDGE_URL;
  if (baseURL === undefined) return undefined;
  return {
    baseURL,
    model: flags.judgeModel ?? process.env.AGENTWORLD_JUDGE_MODEL,
    apiKey: flags.judgeApiKey ?? process.env.AGENTWORLD_JUDGE_API_KEY,
  };
}

/** The domains with a real executor: without engine flags, a rollout of their tasks runs on it. */
export const REAL_ENGINE_DOMAINS: readonly string[] = ['terminal', 'mcp', 'swe', 'web', 'search'];
