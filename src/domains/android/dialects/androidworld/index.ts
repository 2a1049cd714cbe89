/**
 * The androidworld dialect: AndroidWorld JSONActions (actions.ts) over AndroidWorld's element lists, M3A (the
 * default) or T3A (render.ts writes them, parse.ts reads them), and its part of the system prompt.
 */
export {
  ANDROIDWORLD_ACTION_TYPES,
  ANDROIDWORLD_DIRECTIONS,
  type AndroidWorldAction,
  AndroidWorldActionSchema,
  orderAndroidWorldAction,
  parseAndroidWorldAction,
} from './actions.js';
export {
  androidElementOfM3a,
  androidElementOfT3a,
  boundsOfT3a,
  M3A_ELEMENT_START,
  parseElementList,
  parseM3aElement,
  parseT3aElement,
  T3A_ELEMENT_START,
} from './parse.js';
export {
  type M3aElement,
  renderM3aElement,
  renderM3aElementList,
  renderM3aScreen,
  renderT3aElement,
  renderT3aElementList,
  renderT3aScreen,
  type T3aBox,
  type T3aElement,
} from './render.js';
export {
  ANDROIDWORLD_ACTION_SPACE,
  M3A_ELEMENT_LIST_FORMAT,
  T3A_ELEMENT_LIST_FORMAT,
} from './system-prompt.js';
