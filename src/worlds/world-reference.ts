import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { type CallOptions, throwIfAborted } from '../core/abort.js';
import { AgentWorldError } from '../core/errors.js';
import { issuesOf } from '../core/validation.js';
import { type WorldFile, WorldFileSchema } from './world-file.js';

/** The keys a spec's `world` may hold beside `file`: they describe the spec's use of the world, not the world. */
const KEYS_BESIDE_FILE = new Set(['file', 'target', 'retrieval']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads and validates a world file (`.json`, `.yaml` or `.yml`). A missing, unreadable, unparsable or invalid
 * file is INVALID_SPEC naming the file (and, when invalid, the bad field's path inside it).
 */
export async function readWorldFile(path: string, options: CallOptions = {}): Promise<WorldFile> {
  throwIfAborted(options.signal);
  let text: string;
  try {
    text = await readFile(path, {
      encoding: 'utf8',
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  } catch (error) {
    throwIfAborted(options.signal);
    const code = (error as NodeJS.ErrnoException).code;
    throw new AgentWorldError(
      'INVALID_SPEC',
      `Cannot read world file ${path}: ${code ?? (error as Error).message}`,
      {
        details: { path: '$.world.file', file: path },
        cause: error,
      },
    );
  }
  let value: unknown;
  try {
    value = extname(path) === '.yaml' || extname(path) === '.yml' ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new AgentWorldError(
      'INVALID_SPEC',
      `World file ${path} does not parse: ${(error as Error).message}`,
      {
        details: { path: '$.world.file', file: path },
        cause: error,
      },
    );
  }
  const result = WorldFileSchema.safeParse(value);
  if (!result.success) {
    const issues = issuesOf(result.error);
    const first = issues[0];
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    throw new AgentWorldError(
      'INVALID_SPEC',
      `Invalid world file ${path} at ${first?.path ?? '$'}: ${first?.message ?? 'invalid'}${more}`,
      { details: { path: '$.world.file', file: path, issues } },
    );
  }
  return result.data;
}

/**
 * Inlines the world file a raw (not yet validated) spec refers to with `world: { file }`, resolving the path
 * against `baseDirectory` (the spec file's folder). The content replaces the reference; `source` keeps the
 * path as written and `target`/`retrieval` stay. A spec without a world file is returned as it is.
 */
export async function inlineWorldFile(
  spec: unknown,
  baseDirectory: string,
  options: CallOptions = {},
): Promise<unknown> {
  if (!isPlainObject(spec) || !isPlainObject(spec.world)) return spec;
  const world = spec.world;
  const file = world.file;
  if (typeof file !== 'string' || file.length === 0) return spec;
  const extra = Object.keys(world).filter((key) => !KEYS_BESIDE_FILE.has(key));
  if (extra.length > 0) {
    throw new AgentWorldError(
      'INVALID_SPEC',
      `Invalid WorldSpec at $.world.${extra[0]}: a world given by \`file\` takes its content from that file; only \`target\` and \`retrieval\` may sit beside it.`,
      { details: { path: `$.world.${extra[0]}` } },
    );
  }
  const path = isAbsolute(file) ? file : resolve(baseDirectory, file);
  const content = await readWorldFile(path, options);
  const { file: _file, ...besides } = world;
  return { ...spec, world: { ...content, source: file, ...besides } };
}
