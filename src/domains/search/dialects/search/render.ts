import { fence } from '../../../../core/messages.js';
import type { WorldSpec } from '../../../../core/world-spec.js';
import { parseSearchAction, type SearchAction } from './actions.js';

/** The text after `**Action:**`: the call as 2-space pretty JSON (name, then arguments) in a json fence. */
export function renderSearchAction(action: SearchAction, _spec?: WorldSpec): string {
  return fence(JSON.stringify({ name: action.name, arguments: action.arguments }, null, 2), 'json');
}

/**
 * Renders an action that has not been validated (a demonstration in the spec): normalised when it parses as a
 * call of this spec, else shown as the JSON it is, so a system prompt can always be built.
 */
export function renderUncheckedSearchAction(action: unknown, spec: WorldSpec): string {
  try {
    return renderSearchAction(parseSearchAction(action, spec), spec);
  } catch {
    const body = typeof action === 'string' ? action : JSON.stringify(action, null, 2);
    return fence(body ?? String(action), 'json');
  }
}
