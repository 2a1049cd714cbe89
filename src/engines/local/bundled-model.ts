import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** File name of the embedded terminal world model shipped in `models/`. */
export const BUNDLED_TERMINAL_MODEL = 'agentworld-terminal.gguf';
/** File name of the embedded mcp world model (server-memory), shipped in `models/` once it is trained. */
export const BUNDLED_MCP_MODEL = 'agentworld-mcp.gguf';

/** The domains that have an embedded model of their own, and its file name in `models/`. */
export const BUNDLED_MODELS = { terminal: BUNDLED_TERMINAL_MODEL, mcp: BUNDLED_MCP_MODEL } as const;
export type BundledModelDomain = keyof typeof BUNDLED_MODELS;

/** Whether a domain has an embedded model of its own (`terminal`, `mcp`). */
export function isBundledModelDomain(domain: string): domain is BundledModelDomain {
  return Object.hasOwn(BUNDLED_MODELS, domain);
}

/** Where a domain's shipped model lies (same depth from src/ under tsx and from dist/ once built). */
export function bundledModelPath(domain: BundledModelDomain = 'terminal'): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'models', BUNDLED_MODELS[domain]);
}

/**
 * A domain's shipped model when the file is there (a checkout without it, or a trimmed install, has none; the
 * mcp model is not trained yet).
 */
export function findBundledModel(domain: BundledModelDomain = 'terminal'): string | undefined {
  const path = bundledModelPath(domain);
  return existsSync(path) ? path : undefined;
}
