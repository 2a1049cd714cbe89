import { fence } from '../../core/messages.js';
import { isComputer13Action, type OsAction } from './actions.js';

/**
 * The action as it follows `**Action:**`: pyautogui code (or its special token) in a python fence, a computer13
 * dict as 2-space JSON in a json fence.
 */
export function renderOsAction(action: OsAction): string {
  if (isComputer13Action(action)) {
    return fence(
      JSON.stringify({ action_type: action.action_type, parameters: action.parameters }, null, 2),
      'json',
    );
  }
  return fence(action.type === 'code' ? action.code : action.type, 'python');
}
