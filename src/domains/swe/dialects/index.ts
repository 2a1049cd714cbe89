import { AgentWorldError } from '../../../core/errors.js';
import type { WorldSpec } from '../../../core/world-spec.js';

/** The coding-agent harnesses whose wire formats the swe domain speaks. */
export const SWE_DIALECTS = ['claude-code', 'gemini-cli', 'mini-swe-agent', 'swe-agent'] as const;
export type SweDialect = (typeof SWE_DIALECTS)[number];
export const DEFAULT_SWE_DIALECT: SweDialect = 'claude-code';

export function isSweDialect(value: unknown): value is SweDialect {
  return typeof value === 'string' && (SWE_DIALECTS as readonly string[]).includes(value);
}

/** The spec's dialect (claude-code when unset); an unknown dialect is INVALID_SPEC. */
export function sweDialectOf(spec: WorldSpec): SweDialect {
  const dialect = spec.dialect ?? DEFAULT_SWE_DIALECT;
  if (isSweDialect(dialect)) return dialect;
  throw new AgentWorldError(
    'INVALID_SPEC',
    `Invalid WorldSpec at $.dialect: swe has no dialect "${dialect}" (known: ${SWE_DIALECTS.join(', ')}).`,
    { details: { path: '$.dialect' } },
  );
}
