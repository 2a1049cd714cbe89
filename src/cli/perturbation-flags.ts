import { parsePerturbFlag, readRuleFile } from '../control/index.js';
import { AgentWorldError } from '../core/errors.js';
import type { PerturbationRuleInput } from '../core/perturbation.js';

/** The flags that add perturbation rules to a spec on the command line. */
export interface PerturbationFlags {
  /** `--perturb ID[:key=value,...]`, repeatable. */
  readonly perturb?: readonly string[] | undefined;
  /** `--rules FILE`, repeatable: JSON/YAML lists of rules. */
  readonly rules?: readonly string[] | undefined;
}

/**
 * Appends the rules of `--rules` files and `--perturb` flags (in that order) to the spec's own. The spec is the
 * raw value read from its file; the result is validated, catalog included, when the session is created.
 */
export async function withPerturbationFlags(
  spec: unknown,
  flags: PerturbationFlags,
  options: { signal?: AbortSignal } = {},
): Promise<unknown> {
  const added: PerturbationRuleInput[] = [];
  for (const path of flags.rules ?? []) added.push(...(await readRuleFile(path, options)));
  for (const flag of flags.perturb ?? []) added.push(parsePerturbFlag(flag));
  if (added.length === 0) return spec;
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new AgentWorldError(
      'INVALID_SPEC',
      'The WorldSpec must be a JSON object to add perturbation rules to.',
    );
  }
  const record = spec as Record<string, unknown>;
  const own = record.perturbations;
  if (own !== undefined && !Array.isArray(own)) {
    throw new AgentWorldError(
      'INVALID_SPEC',
      'Invalid WorldSpec at $.perturbations: expected an array of rules.',
    );
  }
  return { ...record, perturbations: [...(own ?? []), ...added] };
}
