/**
 * The browsergym dialect of the web domain: BrowserGym Python actions (actions.ts, over the primitives in
 * functions.ts) on the accessibility-tree text BrowserGym agents read (render.ts writes it, parse.ts reads it;
 * flatten.ts is BrowserGym's own flattening of the CDP tree, python-repr.ts its Python reprs), its part of the
 * system prompt; conformance fixtures captured from Chromium by scripts/capture-web/browsergym.ts
 * (fixtures.json, conformance.test.ts).
 */
export {
  type BrowserGymAction,
  BrowserGymActionInputSchema,
  BrowserGymActionSchema,
  type BrowserGymCall,
  bidsOfCall,
  parseBrowserGymAction,
} from './actions.js';
export {
  BROWSERGYM_ERROR_PREFIX,
  browserGymBidNotFoundError,
  browserGymLastActionError,
  browserGymUnknownActionError,
} from './errors.js';
export {
  type CdpAxNode,
  type CdpAxProperty,
  type CdpAxValue,
  extractBrowserGymBids,
  flattenBrowserGymAxTree,
} from './flatten.js';
export {
  BROWSERGYM_FUNCTION_NAMES,
  BROWSERGYM_FUNCTIONS,
  type BrowserGymArgumentKind,
  type BrowserGymEffect,
  type BrowserGymFunction,
  type BrowserGymParameter,
  type BrowserGymSignature,
  browserGymSignature,
  isBrowserGymFunction,
} from './functions.js';
export { parseAxTree } from './parse.js';
export { presentBrowserGymObservation } from './presentation.js';
export { pythonRepr, pythonStringRepr, readPythonString } from './python-repr.js';
export { renderAxTree } from './render.js';
export { BROWSERGYM_ACTION_SPACE, BROWSERGYM_AXTREE_FORMAT } from './system-prompt.js';
