/**
 * The judge flags `agentworld bench judge` and `agentworld bench turing` share: the endpoint (with
 * AGENTWORLD_JUDGE_* fallbacks), sampling, retries, the request limit, reasoning models and the progress bar.
 */
import type { Command } from 'commander';
import { AgentWorldError } from '../../core/errors.js';
import type { JudgeClientOptions } from '../../fidelity/judge/client.js';
import { type JudgeFlags, numberFrom, positiveNumber, wholeNumber } from './rollout-options.js';

export interface BenchJudgeClientFlags extends JudgeFlags {
  readonly judgeReasoningModel?: boolean | undefined;
  readonly temperature: number;
  readonly maxTokens: number;
  readonly maxRetries: number;
  readonly timeoutS: number;
  readonly progress: boolean;
}

/** What a command words or bounds its own way; the rest is shared. */
export interface BenchJudgeOptionTexts {
  readonly maxRetries: string;
  readonly temperature: string;
  readonly maxTokens: string;
  /** The highest --temperature accepted (none when left out). */
  readonly maxTemperature?: number;
}

/** Adds the shared judge flags (defaults: temperature 0.6, 32768 tokens, 3 retries, 600 s, progress on). */
export function addBenchJudgeOptions(command: Command, texts: BenchJudgeOptionTexts): Command {
  return command
    .option('--judge-url <url>', 'OpenAI-compatible base URL of the judge (env AGENTWORLD_JUDGE_URL)')
    .option('--judge-model <name>', 'judge model (env AGENTWORLD_JUDGE_MODEL)')
    .option('--judge-api-key <key>', 'API key of the judge (env AGENTWORLD_JUDGE_API_KEY)')
    .option(
      '--judge-reasoning-model',
      'send max_completion_tokens and no temperature (OpenAI reasoning models)',
    )
    .option('--max-retries <n>', texts.maxRetries, wholeNumber(1), 3)
    .option('--temperature <t>', texts.temperature, numberFrom(0, texts.maxTemperature), 0.6)
    .option('--max-tokens <n>', texts.maxTokens, wholeNumber(1), 32768)
    .option('--timeout-s <seconds>', 'limit of one judge request', positiveNumber, 600)
    .option('--no-progress', 'no progress bar');
}

/**
 * The judge client's settings: the flags, else AGENTWORLD_JUDGE_URL, _MODEL and _API_KEY (an empty variable
 * counts as unset). Without a URL and a model, INVALID_REQUEST saying that `needer` needs a judge.
 */
export function benchJudgeClientOptions(flags: BenchJudgeClientFlags, needer: string): JudgeClientOptions {
  const baseUrl = flags.judgeUrl ?? (process.env.AGENTWORLD_JUDGE_URL || undefined);
  const model = flags.judgeModel ?? (process.env.AGENTWORLD_JUDGE_MODEL || undefined);
  if (baseUrl === undefined || model === undefined) {
    throw new AgentWorldError(
      'INVALID_REQUEST',
      `${needer} needs a judge: --judge-url and --judge-model (or AGENTWORLD_JUDGE_URL and AGENTWORLD_JUDGE_MODEL).`,
    );
  }
  return {
    baseUrl,
    model,
    apiKey: flags.judgeApiKey ?? (process.env.AGENTWORLD_JUDGE_API_KEY || undefined),
    temperature: flags.temperature,
    maxTokens: flags.maxTokens,
    reasoningModel: flags.judgeReasoningModel === true,
    timeoutMs: Math.round(flags.timeoutS * 1000),
  };
}
