import { resolveRules } from '../control/index.js';
import type { CallOptions } from '../core/abort.js';
import type { Engine } from '../core/engine.js';
import { AgentWorldError } from '../core/errors.js';
import { parseWith } from '../core/validation.js';
import { type WorldSpec, type WorldSpecInput, WorldSpecSchema } from '../core/world-spec.js';
import { getDomain } from '../domains/index.js';
import { Session } from './session.js';

export interface CreateEnvOptions extends CallOptions {
  readonly engine: Engine;
  /** A session id of your own; defaults to a random UUID. */
  readonly id?: string;
}

/** Validates a WorldSpec (raising INVALID_SPEC with the bad field's path). */
export function parseWorldSpec(input: unknown): WorldSpec {
  const spec = parseWith(WorldSpecSchema, input, 'INVALID_SPEC', 'WorldSpec');
  const domain = getDomain(spec.domain);
  if (spec.dialect !== undefined && !domain.dialects.includes(spec.dialect)) {
    throw new AgentWorldError(
      'INVALID_SPEC',
      `Invalid WorldSpec at $.dialect: domain "${spec.domain}" has dialects ${domain.dialects.join(', ')}, not "${spec.dialect}".`,
      { details: { path: '$.dialect' } },
    );
  }
  // Unknown perturbation ids and bad parameters are refused now, naming the rule, not at the first step.
  resolveRules(spec.perturbations, domain);
  return spec;
}

/**
 * Creates a session for a WorldSpec. Call `reset()` on it before the first `step()`.
 *
 * @example
 * const env = await createEnv(spec, { engine: createLwmEngine({ baseUrl, model }) });
 * const first = await env.reset({ seed: 7 });
 * const result = await env.step([{ keystrokes: 'ls\n', duration: 1 }]);
 */
export async function createEnv(
  spec: WorldSpecInput | WorldSpec | unknown,
  options: CreateEnvOptions,
): Promise<Session> {
  const parsed = parseWorldSpec(spec);
  const domain = getDomain(parsed.domain);
  const prepared = await domain.prepare(parsed, { signal: options.signal });
  return new Session({ spec: prepared, domain, engine: options.engine, id: options.id });
}
