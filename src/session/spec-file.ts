import { readFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { AgentWorldError } from '../core/errors.js';
import { inlineWorldFile } from '../worlds/world-reference.js';

/** The bundled `examples/` folder (same depth from src/ under tsx and from dist/ once built). */
export function examplesDirectory(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');
}

/**
 * Reads a WorldSpec from a `.json`, `.yaml` or `.yml` file. A bare name without a path or extension
 * (e.g. `terminal`) names a bundled example (`examples/<name>.json`). A `world: { file }` reference is resolved
 * relative to the spec file and inlined (a missing or invalid world file is INVALID_SPEC naming it). Returns
 * the raw value; validate it with `parseWorldSpec`.
 */
export async function readSpecFile(
  pathOrName: string,
  options: { signal?: AbortSignal } = {},
): Promise<unknown> {
  const isBareName = !pathOrName.includes('/') && extname(pathOrName) === '';
  const path = isBareName ? join(examplesDirectory(), `${pathOrName}.json`) : resolve(pathOrName);
  let text: string;
  try {
    text = await readFile(path, { encoding: 'utf8', signal: options.signal });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint = isBareName ? ` (no bundled example named "${pathOrName}")` : '';
    throw new AgentWorldError(
      'INVALID_SPEC',
      `Cannot read WorldSpec ${path}${hint}: ${code ?? (error as Error).message}`,
      {
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
      `WorldSpec ${path} does not parse: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  // `world: { file }` names a world file relative to this spec file: inline it now, so the spec (and every
  // session record made from it) is self-contained.
  return inlineWorldFile(value, dirname(path), options);
}
