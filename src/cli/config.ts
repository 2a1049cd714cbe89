import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { AgentWorldError } from '../core/errors.js';
import { parseWith } from '../core/validation.js';
import type { ENVIRONMENT_VARIABLES } from './environment.js';

/** Splits `http://a/v1,http://b/v1` into its URLs (blank parts dropped). */
function splitModelUrls(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/** An http(s) URL, as the model server's base URL must be. */
function isModelUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** `model.url`: one base URL, several separated by commas, or a list of them (replicas of one model). */
const ModelUrlSchema = z.union([
  z
    .string()
    .refine(
      (text) => splitModelUrls(text).length > 0 && splitModelUrls(text).every(isModelUrl),
      'expected an http(s) URL, or several separated by commas',
    ),
  z.array(z.string().refine(isModelUrl, 'expected an http(s) URL')).min(1),
]);

/** The config file (`agentworld.config.json`): every key optional; flags and env vars override it. */
export const ConfigFileSchema = z
  .object({
    model: z
      .object({
        /** The model server's base URL, or the base URLs of several replicas of one model. */
        url: ModelUrlSchema.optional(),
        name: z.string().min(1).optional(),
        apiKey: z.string().optional(),
        temperature: z.number().min(0).max(2).optional(),
        maxTokens: z.number().int().positive().optional(),
        timeoutMs: z.number().int().positive().optional(),
        maxRetries: z.number().int().nonnegative().optional(),
        retryBaseMs: z.number().int().nonnegative().optional(),
        concurrency: z.number().int().positive().optional(),
        stream: z.boolean().optional(),
        topP: z.number().gt(0).max(1).optional(),
        /** Extra request fields for the server, e.g. { "chat_template_kwargs": { "enable_thinking": true } }. */
        extraBody: z.record(z.string(), z.unknown()).optional(),
      })
      .strict()
      .default({}),
    cache: z
      .object({
        enabled: z.boolean().optional(),
        /** Relative paths are taken from the config file's folder. */
        path: z.string().min(1).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();
export type ConfigFile = z.infer<typeof ConfigFileSchema>;

/** Model settings after flags > env vars > config file > defaults. */
export interface ModelSettings {
  /** The first of `urls`. */
  readonly url: string | undefined;
  /** Every base URL: one server, or the replicas of one model (empty when none is configured). */
  readonly urls: readonly string[];
  readonly name: string | undefined;
  readonly apiKey: string;
  readonly temperature: number | undefined;
  readonly maxTokens: number | undefined;
  readonly timeoutMs: number | undefined;
  readonly maxRetries: number | undefined;
  readonly retryBaseMs: number | undefined;
  readonly concurrency: number | undefined;
  readonly stream: boolean;
  readonly topP: number | undefined;
  readonly extraBody: Record<string, unknown> | undefined;
}

export interface ModelFlags {
  /** `--model-url`: repeated (see `collectModelUrls`) and/or comma-separated. */
  readonly modelUrl?: string | readonly string[] | undefined;
  readonly model?: string | undefined;
  readonly apiKey?: string | undefined;
  readonly temperature?: number | undefined;
  readonly maxTokens?: number | undefined;
  readonly timeoutMs?: number | undefined;
  readonly maxRetries?: number | undefined;
  readonly retryBaseMs?: number | undefined;
  readonly stream?: boolean | undefined;
  readonly config?: string | undefined;
}

/** An environment variable, with an empty value treated as unset (`FOO= cmd` is how people unset one). */
function fromEnv(env: NodeJS.ProcessEnv, name: keyof typeof ENVIRONMENT_VARIABLES): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

export function agentworldHome(env: NodeJS.ProcessEnv = process.env): string {
  return fromEnv(env, 'AGENTWORLD_HOME') ?? join(homedir(), '.agentworld');
}

/**
 * The config file to read: `--config`, else `agentworld.config.json` in `cwd`, else
 * `$AGENTWORLD_HOME/config.json`; `undefined` when there is none.
 */
export function findConfigFile(
  explicit: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): string | undefined {
  if (explicit !== undefined) {
    const path = resolve(cwd, explicit);
    if (!existsSync(path)) {
      throw new AgentWorldError(
        'CONFIG_INVALID',
        `Config file ${path} (given with --config) does not exist.`,
        {
          details: { file: path },
        },
      );
    }
    return path;
  }
  for (const candidate of [
    resolve(cwd, 'agentworld.config.json'),
    join(agentworldHome(env), 'config.json'),
  ]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Reads and validates a config file; CONFIG_INVALID names the file and the bad field (`$.model.url`). */
export function readConfigFile(path: string | undefined): ConfigFile {
  if (path === undefined) return ConfigFileSchema.parse({});
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AgentWorldError(
      'CONFIG_INVALID',
      `Cannot read config file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      { cause: error, details: { file: path } },
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new AgentWorldError(
      'CONFIG_INVALID',
      `Config file ${path} is not valid JSON: ${(error as Error).message}`,
      { cause: error, details: { file: path } },
    );
  }
  try {
    return parseWith(ConfigFileSchema, raw, 'CONFIG_INVALID', `config file ${path}`);
  } catch (error) {
    if (error instanceof AgentWorldError) {
      throw new AgentWorldError(error.code, error.message, { details: { file: path, ...error.details } });
    }
    throw error;
  }
}

function numberFromEnv(
  env: NodeJS.ProcessEnv,
  name: keyof typeof ENVIRONMENT_VARIABLES,
  kind: 'number' | 'integer',
): number | undefined {
  const value = fromEnv(env, name);
  if (value === undefined) return undefined;
  const parsed = Number(value);
  const valid = kind === 'integer' ? Number.isInteger(parsed) && parsed >= 0 : Number.isFinite(parsed);
  if (!valid) {
    const expected = kind === 'integer' ? 'a whole number ≥ 0' : 'a number';
    throw new AgentWorldError('CONFIG_INVALID', `${name} must be ${expected}, got "${value}".`, {
      details: { variable: name },
    });
  }
  return parsed;
}

/**
 * The base URLs of a `--model-url` value, `AGENTWORLD_MODEL_URL` or the config file's `model.url`: each entry
 * may hold several separated by commas. CONFIG_INVALID names `source` and the entry that is no http(s) URL.
 */
export function parseModelUrls(value: string | readonly string[], source: string): string[] {
  const urls = (typeof value === 'string' ? [value] : value).flatMap(splitModelUrls);
  for (const url of urls) {
    if (!isModelUrl(url)) {
      throw new AgentWorldError('CONFIG_INVALID', `${source}: "${url}" is not an http(s) URL.`, {
        details: { source, url },
      });
    }
  }
  if (urls.length === 0) {
    throw new AgentWorldError('CONFIG_INVALID', `${source} names no URL.`, { details: { source } });
  }
  return urls;
}

/**
 * Commander's collector for a repeatable `--model-url`: `.option('--model-url <url>', '…', collectModelUrls)`
 * gives every occurrence (each may itself be comma-separated).
 */
export function collectModelUrls(value: string, previous: string[] | string | undefined): string[] {
  const earlier = previous === undefined ? [] : typeof previous === 'string' ? [previous] : previous;
  return [...earlier, value];
}

/** The model URLs: `--model-url` (all of them), else AGENTWORLD_MODEL_URL, else the config file's `model.url`. */
function resolveModelUrls(flags: ModelFlags, env: NodeJS.ProcessEnv, file: ConfigFile['model']): string[] {
  if (flags.modelUrl !== undefined && flags.modelUrl.length > 0)
    return parseModelUrls(flags.modelUrl, '--model-url');
  const fromVariable = fromEnv(env, 'AGENTWORLD_MODEL_URL');
  if (fromVariable !== undefined) return parseModelUrls(fromVariable, 'AGENTWORLD_MODEL_URL');
  if (file.url !== undefined) return parseModelUrls(file.url, 'model.url of the config file');
  return [];
}

/** Where the settings come from: the flags, the environment and the folder relative paths start from. */
export interface SettingsSources {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

/** Resolves model settings: flags, then AGENTWORLD_* env vars, then the config file, then defaults. */
export function resolveModelSettings(flags: ModelFlags, sources: SettingsSources = {}): ModelSettings {
  const env = sources.env ?? process.env;
  const file = readConfigFile(findConfigFile(flags.config, env, sources.cwd)).model;
  const urls = resolveModelUrls(flags, env, file);
  return {
    url: urls[0],
    urls,
    name: flags.model ?? fromEnv(env, 'AGENTWORLD_MODEL') ?? file.name,
    apiKey: flags.apiKey ?? fromEnv(env, 'AGENTWORLD_API_KEY') ?? file.apiKey ?? 'EMPTY',
    temperature:
      flags.temperature ?? numberFromEnv(env, 'AGENTWORLD_TEMPERATURE', 'number') ?? file.temperature,
    maxTokens: flags.maxTokens ?? numberFromEnv(env, 'AGENTWORLD_MAX_TOKENS', 'integer') ?? file.maxTokens,
    timeoutMs: flags.timeoutMs ?? numberFromEnv(env, 'AGENTWORLD_TIMEOUT_MS', 'integer') ?? file.timeoutMs,
    maxRetries:
      flags.maxRetries ?? numberFromEnv(env, 'AGENTWORLD_MAX_RETRIES', 'integer') ?? file.maxRetries,
    retryBaseMs:
      flags.retryBaseMs ?? numberFromEnv(env, 'AGENTWORLD_RETRY_BASE_MS', 'integer') ?? file.retryBaseMs,
    concurrency: file.concurrency,
    stream: flags.stream ?? file.stream ?? false,
    topP: file.topP,
    extraBody: file.extraBody,
  };
}

export interface CacheSettings {
  readonly enabled: boolean;
  readonly path: string;
}

/** `--cache PATH` turns the cache on at PATH; `--cache` alone turns it on; else the config file decides. */
export function resolveCacheSettings(
  flags: { cache?: boolean | string | undefined; config?: string | undefined },
  sources: SettingsSources = {},
): CacheSettings {
  const env = sources.env ?? process.env;
  const cwd = sources.cwd ?? process.cwd();
  const configPath = findConfigFile(flags.config, env, cwd);
  const file = readConfigFile(configPath).cache;
  if (typeof flags.cache === 'string') return { enabled: true, path: resolve(cwd, flags.cache) };
  const path =
    file.path !== undefined && configPath !== undefined
      ? resolve(dirname(configPath), file.path)
      : join(agentworldHome(env), 'agentworld.db');
  return { enabled: flags.cache ?? file.enabled ?? false, path };
}
