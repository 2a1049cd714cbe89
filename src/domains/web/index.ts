export * from './action-tools.js';
export {
  assertWebIdsOnPage,
  isBrowserGymAction as isWebBrowserGymAction,
  isWebCompletion,
  navigationTargetOf as webNavigationTargetOf,
  parseWebAction,
  referencedIdsOf as webReferencedIdsOf,
  type WebAction,
  webActionEffect,
  webActionSchema,
} from './actions.js';
export {
  isPlaywrightErrorResult as webIsPlaywrightErrorResult,
  parseAriaSnapshot as webParseAriaSnapshot,
} from './aria-snapshot.js';
export { parseAxTree as webParseAxTree, renderAxTree as webRenderAxTree } from './axtree.js';
export {
  type BrowserGymAction as WebBrowserGymAction,
  type BrowserGymCall as WebBrowserGymCall,
  parseBrowserGymAction as webParseBrowserGymAction,
} from './browsergym-actions.js';
export {
  BROWSERGYM_FUNCTION_NAMES as WEB_BROWSERGYM_FUNCTIONS,
  type BrowserGymFunction as WebBrowserGymFunction,
} from './browsergym-functions.js';
export { checkWebObservation, type WebCheckContext } from './checks.js';
export { DEFAULT_WEB_DIALECT, WEB_DIALECTS, type WebDialect, webDialectOf } from './dialect.js';
export { webDomain } from './domain.js';
export {
  DEFAULT_ARIA_PAGE as WEB_DEFAULT_ARIA_PAGE,
  DEFAULT_AXTREE_PAGE as WEB_DEFAULT_AXTREE_PAGE,
  webInitialObservation,
} from './initial-state.js';
export { applyWebTurn, createWebLedger, summarizeWebLedger, type WebLedger } from './ledger.js';
export type { WebNode, WebPage, WebPageFormat, WebTab } from './page.js';
export { diffWebPages as webDiffPages, type WebNodeChange, type WebPageDiff } from './page-diff.js';
export { parseWebPage } from './page-format.js';
export { webPerturbations } from './perturbations.js';
export {
  type PlaywrightMcpAction as WebPlaywrightMcpAction,
  parsePlaywrightMcpAction as webParsePlaywrightMcpAction,
} from './playwright-mcp-actions.js';
export {
  PLAYWRIGHT_TOOL_NAMES as WEB_PLAYWRIGHT_TOOL_NAMES,
  PLAYWRIGHT_TOOLS as WEB_PLAYWRIGHT_TOOLS,
} from './playwright-tools.js';
export { playwrightCallText as webPlaywrightCallText, renderWebAction } from './render.js';
export { webSystemPrompt } from './system-prompt.js';
