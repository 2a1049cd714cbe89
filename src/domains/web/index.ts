export * from './action-tools.js';
export {
  firstMissingWebId,
  isBrowserGymAction as isWebBrowserGymAction,
  isWebCompletion,
  type MissingWebId,
  navigationTargetOf as webNavigationTargetOf,
  parseWebAction,
  referencedIdsOf as webReferencedIdsOf,
  type WebAction,
  webActionEffect,
  webActionSchema,
} from './actions.js';
export { checkWebObservation, type WebCheckContext } from './checks.js';
export {
  BROWSERGYM_FUNCTION_NAMES as WEB_BROWSERGYM_FUNCTIONS,
  type BrowserGymAction as WebBrowserGymAction,
  type BrowserGymCall as WebBrowserGymCall,
  type BrowserGymFunction as WebBrowserGymFunction,
  parseAxTree as webParseAxTree,
  parseBrowserGymAction as webParseBrowserGymAction,
  presentBrowserGymObservation as webPresentBrowserGymObservation,
  renderAxTree as webRenderAxTree,
} from './dialects/browsergym/index.js';
export { DEFAULT_WEB_DIALECT, WEB_DIALECTS, type WebDialect, webDialectOf } from './dialects/index.js';
export {
  isPlaywrightErrorResult as webIsPlaywrightErrorResult,
  PLAYWRIGHT_TOOL_NAMES as WEB_PLAYWRIGHT_TOOL_NAMES,
  PLAYWRIGHT_TOOLS as WEB_PLAYWRIGHT_TOOLS,
  type PlaywrightMcpAction as WebPlaywrightMcpAction,
  parseAriaSnapshot as webParseAriaSnapshot,
  parsePlaywrightMcpAction as webParsePlaywrightMcpAction,
  playwrightCallText as webPlaywrightCallText,
} from './dialects/playwright-mcp/index.js';
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
export { renderWebAction } from './render.js';
export { webSystemPrompt } from './system-prompt.js';
