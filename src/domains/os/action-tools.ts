import { isComputer13Action, type OsAction } from './actions.js';

/**
 * What an os action does, as a rule's `when.tool` matches it: the pyautogui functions it calls, by short and
 * full name (`click`, `pyautogui.click`, `sleep`), a computer13 action type in its own spelling and in lower case
 * (`CLICK`, `click`), and the special actions WAIT, FAIL and DONE.
 */
export function osActionTools(action: OsAction): string[] {
  const names = new Set<string>();
  if (isComputer13Action(action)) {
    names.add(action.action_type);
    names.add(action.action_type.toLowerCase());
  } else if (action.type !== 'code') {
    names.add(action.type);
    names.add(action.type.toLowerCase());
  } else {
    for (const call of action.calls) {
      names.add(call.function.slice(call.function.indexOf('.') + 1));
      names.add(call.function);
    }
  }
  return [...names];
}
