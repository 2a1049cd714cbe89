import { readFile } from 'node:fs/promises';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { AgentWorldError } from '../core/errors.js';

/** The bundled `examples/` folder (same depth from src/ under tsx and from dist/ once built). */
export function examplesDirectory(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'examples');
}

/**
 * Reads a WorldSpec from a `.json`, `.yaml` or `.yml` file. A bare name without a path or extension
 * (e.g. `terminal`) names a bundled example (`examples/<name>.json`). Returns the raw value; validate it with
 * `parseWorldSpec`.
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
  try {
    return extname(path) === '.yaml' || extname(path) === '.yml' ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new AgentWorldError(
      'INVALID_SPEC',
      `WorldSpec ${path} does not parse: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}
