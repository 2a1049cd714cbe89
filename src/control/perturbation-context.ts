import type { AnyDomain } from '../core/domain.js';
import type { PerturbationContext } from '../core/perturbation.js';
import type { WorldSpec } from '../core/world-spec.js';

/**
 * What a perturbation sees for one action (or, with no action, at reset): the action as the world model reads
 * it and the tools it uses, both from the domain.
 */
export function perturbationContext(
  domain: AnyDomain,
  spec: WorldSpec,
  turn: {
    readonly seed: number;
    readonly turnIndex: number;
    readonly action?: unknown;
    /** The action as already rendered for the world model (rendered here when absent). */
    readonly actionText?: string;
  },
): PerturbationContext {
  const { action } = turn;
  return {
    spec,
    seed: turn.seed,
    turnIndex: action === undefined ? 0 : turn.turnIndex,
    action,
    actionText: action === undefined ? '' : (turn.actionText ?? domain.renderAction(action, spec)),
    tools: action === undefined ? [] : domain.actionTools(action, spec),
  };
}
