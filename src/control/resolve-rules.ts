import type { AnyDomain } from '../core/domain.js';
import { AgentWorldError } from '../core/errors.js';
import type { AnyPerturbationDefinition, PerturbationRule, PerturbationWhen } from '../core/perturbation.js';

/** `trajectory`: stated in the system prompt at reset and in force all episode; `turn`: injected per turn. */
export type RuleLevel = 'trajectory' | 'turn';

/** A rule checked against its domain's catalog, with its parameters parsed (defaults filled). */
export interface ResolvedRule {
  readonly index: number;
  readonly label: string;
  readonly definition: AnyPerturbationDefinition;
  readonly params: Record<string, unknown>;
  readonly when: PerturbationWhen;
  readonly level: RuleLevel;
  readonly pattern: RegExp | undefined;
}

/** A rule is trajectory-level when nothing in its `when` depends on the turn or the action. */
export function levelOf(when: PerturbationWhen | undefined): RuleLevel {
  if (when === undefined) return 'trajectory';
  const turnBound = (['turn', 'tool', 'match', 'every', 'from', 'until'] as const).some(
    (key) => when[key] !== undefined,
  );
  return turnBound ? 'turn' : 'trajectory';
}

function ruleName(rule: PerturbationRule, index: number): string {
  return `perturbations[${index}]${rule.id === undefined ? '' : ` ("${rule.id}")`}`;
}

/**
 * Checks every rule against the domain's catalog and parses its parameters. An unknown perturbation id or bad
 * parameters are INVALID_SPEC, naming the rule and listing what is known.
 */
export function resolveRules(rules: readonly PerturbationRule[], domain: AnyDomain): ResolvedRule[] {
  return rules.map((rule, index) => {
    const definition = domain.perturbations.find((entry) => entry.id === rule.perturbation);
    if (definition === undefined) {
      const known = domain.perturbations.map((entry) => entry.id).join(', ') || 'none';
      throw new AgentWorldError(
        'INVALID_SPEC',
        `${ruleName(rule, index)}: unknown perturbation "${rule.perturbation}" for the ${domain.id} domain (known: ${known}).`,
        { details: { rule: index, perturbation: rule.perturbation } },
      );
    }
    const parsed = definition.params.safeParse(rule.params);
    if (!parsed.success) {
      const problems = parsed.error.issues
        .map((issue) => `${['params', ...issue.path.map(String)].join('.')}: ${issue.message}`)
        .join('; ');
      throw new AgentWorldError(
        'INVALID_SPEC',
        `${ruleName(rule, index)}: bad parameters for "${rule.perturbation}": ${problems}.`,
        { details: { rule: index, perturbation: rule.perturbation } },
      );
    }
    const when = rule.when ?? {};
    return {
      index,
      label: rule.id ?? `rule-${index}`,
      definition,
      params: parsed.data as Record<string, unknown>,
      when,
      level: levelOf(rule.when),
      pattern: when.match === undefined ? undefined : new RegExp(when.match, 'u'),
    };
  });
}
