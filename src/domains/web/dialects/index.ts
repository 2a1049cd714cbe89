import type { WorldSpec } from '../../../core/world-spec.js';

export const WEB_DIALECTS = ['browsergym', 'playwright-mcp'] as const;
export type WebDialect = (typeof WEB_DIALECTS)[number];
export const DEFAULT_WEB_DIALECT: WebDialect = 'browsergym';

/** The spec's web dialect (createEnv already refused unknown ones; anything else falls back to the default). */
export function webDialectOf(spec: WorldSpec): WebDialect {
  return spec.dialect === 'playwright-mcp' ? 'playwright-mcp' : DEFAULT_WEB_DIALECT;
}
