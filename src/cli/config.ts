import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { AgentWorldError } from '../core/errors.js';
import { parseWith } from '../core/validation.js';

/** The config file (`agentworld.config.json`): every key optional; flags and env vars override it. */
export const ConfigFileSchema = z
  .object({
    model: z
      .object({
        url: z.string().url().optional(),
        name: z.string().min(1).optional(),
        apiKey: z.string().optional(),
        temperature: z.number().min(0).max(2).optional(),
        maxTokens: z.number().int().positive().optional(),
        timeoutMs: z.number().int().positive().optional(),
        concurrency: z.number().int().positive().optional(),
        stream: z.boolean().optional(),
      })
      .strict()
      .default({}),
    cache: z
      .object({
        enabled: z.boolean().optional(),
        path: z.string().optional(),
      })
      .strict()
      .default({}),
  })
  .strict();
export type ConfigFile = z.infer<typeof ConfigFileSchema>;

/** Model settings after flags > env vars > config file > defaults. */
export interface ModelSettings {
  readonly url: string | undefined;
  readonly name: string | undefined;
  readonly apiKey: string;
  readonly temperature: number | undefined;
  readonly maxTokens: number | undefined;
  readonly timeoutMs: number | undefined;
  readonly concurrency: number | undefined;
  readonly stream: boolean;
}

export interface ModelFlags {
  readonly modelUrl?: string | undefined;
  readonly model?: string | undefined;
  readonly apiKey?: string | undefined;
  readonly temperature?: number | undefined;
  readonly maxTokens?: number | undefined;
  readonly timeoutMs?: number | undefined;
  readonly stream?: boolean | undefined;
  readonly config?: string | undefined;
}

export function agentworldHome(env: NodeJS.ProcessEnv = process.env): string {
  return env.AGENTWORLD_HOME ?? join(homedir(), '.agentworld');
}

/** The config file to read: `--config`, else `./agentworld.config.json`, else `$AGENTWORLD_HOME/config.json`. */
export function findConfigFile(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (explicit !== undefined) {
    const path = resolve(explicit);
    if (!existsSync(path)) throw new AgentWorldError('CONFIG_INVALID', `Config file ${path} does not exist.`);
    return path;
  }
  for (const candidate of [resolve('agentworld.config.json'), join(agentworldHome(env), 'config.json')]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

export function readConfigFile(path: string | undefined): ConfigFile {
  if (path === undefined) return ConfigFileSchema.parse({});
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new AgentWorldError(
      'CONFIG_INVALID',
      `Config file ${path} is not valid JSON: ${(error as Error).message}`,
    );
  }
  return parseWith(ConfigFileSchema, raw, 'CONFIG_INVALID', `config file ${path}`);
}

function numberFromEnv(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed))
    throw new AgentWorldError('CONFIG_INVALID', `${name} must be a number, got "${value}".`);
  return parsed;
}

/** Resolves model settings: flags, then AGENTWORLD_* env vars, then the config file. */
export function resolveModelSettings(flags: ModelFlags, env: NodeJS.ProcessEnv = process.env): ModelSettings {
  const file = readConfigFile(findConfigFile(flags.config, env)).model;
  return {
    url: flags.modelUrl ?? env.AGENTWORLD_MODEL_URL ?? file.url,
    name: flags.model ?? env.AGENTWORLD_MODEL ?? file.name,
    apiKey: flags.apiKey ?? env.AGENTWORLD_API_KEY ?? file.apiKey ?? 'EMPTY',
    temperature:
      flags.temperature ??
      numberFromEnv(env.AGENTWORLD_TEMPERATURE, 'AGENTWORLD_TEMPERATURE') ??
      file.temperature,
    maxTokens:
      flags.maxTokens ?? numberFromEnv(env.AGENTWORLD_MAX_TOKENS, 'AGENTWORLD_MAX_TOKENS') ?? file.maxTokens,
    timeoutMs: flags.timeoutMs ?? file.timeoutMs,
    concurrency: file.concurrency,
    stream: flags.stream ?? file.stream ?? false,
  };
}

export interface CacheSettings {
  readonly enabled: boolean;
  readonly path: string;
}

export function resolveCacheSettings(
  flags: { cache?: boolean | string | undefined; config?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
): CacheSettings {
  const file = readConfigFile(findConfigFile(flags.config, env)).cache;
  const defaultPath = join(agentworldHome(env), 'agentworld.db');
  if (typeof flags.cache === 'string') return { enabled: true, path: resolve(flags.cache) };
  return { enabled: flags.cache ?? file.enabled ?? false, path: file.path ?? defaultPath };
}
