/**
 * The computer13 dialect: OSWorld's computer_13 action dicts (actions.ts, checked against keyboard-keys.ts) and
 * its part of the system prompt. Its observation is the domain's accessibility table
 * (../../accessibility-table.ts).
 */
export {
  COMPUTER13_ACTION_TYPES,
  type Computer13Action,
  Computer13ActionSchema,
  parseComputer13Action,
} from './actions.js';
export { OSWORLD_KEYBOARD_KEYS, OSWORLD_X_MAX, OSWORLD_Y_MAX } from './keyboard-keys.js';
export { COMPUTER13_ACTION_SPACE } from './system-prompt.js';
