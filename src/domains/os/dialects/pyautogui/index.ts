/**
 * The pyautogui dialect: Python code driving pyautogui (or the special tokens WAIT, FAIL, DONE), parsed by
 * actions.ts against the signatures of functions.ts; its part of the system prompt. Its observation is the
 * domain's accessibility table (../../accessibility-table.ts). agent-reply.ts restates how OSWorld's agent takes the
 * codes out of a model reply; fixtures.ts and conformance.test.ts check both against OSWorld's source.
 */

export {
  PYAUTOGUI_SPECIAL_TOKENS,
  type PyautoguiAction,
  PyautoguiActionInputSchema,
  PyautoguiActionSchema,
  type PyautoguiCall,
  parsePyautoguiAction,
} from './actions.js';
export { extractPyautoguiCodes } from './agent-reply.js';
export { PYAUTOGUI_FUNCTION_NAMES } from './functions.js';
export { PYAUTOGUI_ACTION_SPACE } from './system-prompt.js';
