import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AgentWorldError } from '../core/errors.js';
import { type PerturbationRule, PerturbationRuleSchema } from '../core/perturbation.js';
import { parseWith } from '../core/validation.js';

/** A rule file: a list of rules, or an object with a `perturbations` list (so a WorldSpec's own list reads too). */
export const RuleFileSchema = z.union([
  z.array(PerturbationRuleSchema),
  z.object({ perturbations: z.array(PerturbationRuleSchema) }).loose(),
]);

/**
 * Reads perturbation rules from a `.json`, `.yaml` or `.yml` file. Shapes are checked here (INVALID_SPEC with
 * the path of the bad field); ids and parameters are checked against the domain's catalog when the spec loads.
 */
export async function readRuleFile(
  path: string,
  options: { signal?: AbortSignal } = {},
): Promise<PerturbationRule[]> {
  const absolute = resolve(path);
  let text: string;
  try {
    text = await readFile(absolute, { encoding: 'utf8', signal: options.signal });
  } catch (error) {
    throw new AgentWorldError(
      'INVALID_SPEC',
      `Cannot read rule file ${absolute}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      { cause: error },
    );
  }
  let value: unknown;
  try {
    value = ['.yaml', '.yml'].includes(extname(absolute)) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new AgentWorldError(
      'INVALID_SPEC',
      `Rule file ${absolute} does not parse: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const parsed = parseWith(RuleFileSchema, value, 'INVALID_SPEC', `rule file ${absolute}`);
  return Array.isArray(parsed) ? parsed : parsed.perturbations;
}
