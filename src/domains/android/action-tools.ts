import { type AndroidAction, androidActionKind, isAndroidWorldAction } from './actions.js';

/**
 * What an android action does, as a rule's `when.tool` matches it: the dialect's own action name
 * (`input_text`, `click`, `system_button`) and the neutral kind shared by both dialects (`type`, `tap`, `back`).
 */
export function androidActionTools(action: AndroidAction): string[] {
  const own = isAndroidWorldAction(action) ? action.action_type : action.action;
  return [...new Set([own, androidActionKind(action)])];
}
