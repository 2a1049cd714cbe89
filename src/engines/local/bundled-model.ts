import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** File name of the embedded terminal world model shipped in `models/`. */
export const BUNDLED_TERMINAL_MODEL = 'agentworld-terminal.gguf';

/** Where the shipped model lies (same depth from src/ under tsx and from dist/ once built). */
export function bundledModelPath(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'models', BUNDLED_TERMINAL_MODEL);
}

/** The shipped model's path when the file is there (a checkout without it, or a trimmed install, has none). */
export function findBundledModel(): string | undefined {
  const path = bundledModelPath();
  return existsSync(path) ? path : undefined;
}
