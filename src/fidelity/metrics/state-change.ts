import { canonicalJson } from '../../core/hash.js';
import type { TurnContext } from './turn-context.js';

export interface StateChange {
  readonly changed: boolean;
  readonly correct: boolean;
  readonly differences: string[];
}

/**
 * State-change accuracy of one turn: the domain ledger before the turn with the ground truth applied, and with
 * the prediction applied (the same action both times), compared on the domain's world-state fields;
 * `differences` names the fields where prediction and ground truth leave different states. `changed` says whether
 * the ground truth moved a field in a way the action alone does not explain: the field differs from before the
 * turn, and an observation showing nothing new (the previous observation again) would have left it otherwise.
 * A file the action creates with `mkdir` is the action's doing; a new working directory in the prompt, a page's
 * new URL, a result's new ids are the observation's. Undefined for a domain without world-state fields.
 */
export function stateChangeOf(
  context: TurnContext,
  truth: string,
  prediction: string,
): StateChange | undefined {
  const stateOf = context.metrics.stateOf;
  if (stateOf === undefined) return undefined;
  const { domain, spec, action, ledgerBefore, dialect } = context;
  const before = stateOf(ledgerBefore, dialect);
  const afterTruth = stateOf(domain.applyTurn(ledgerBefore, action, truth, spec), dialect);
  const afterPrediction = stateOf(domain.applyTurn(ledgerBefore, action, prediction, spec), dialect);
  const afterNothingNew = stateOf(
    domain.applyTurn(ledgerBefore, action, context.previousObservation, spec),
    dialect,
  );
  const moved = new Set(differingFields(before, afterTruth));
  const differences = differingFields(afterTruth, afterPrediction);
  return {
    changed: differingFields(afterNothingNew, afterTruth).some((field) => moved.has(field)),
    correct: differences.length === 0,
    differences,
  };
}

/** The fields (of either side) whose values differ, in canonical JSON, sorted. */
export function differingFields(left: Record<string, unknown>, right: Record<string, unknown>): string[] {
  const fields = new Set([...Object.keys(left), ...Object.keys(right)]);
  return [...fields]
    .filter((field) => canonicalJson(left[field] ?? null) !== canonicalJson(right[field] ?? null))
    .sort();
}
