export { browserGymAxTree } from './browsergym-marks.js';
export {
  BROWSERGYM_ACTION_TIMEOUT_MS,
  observeBrowserGymPage,
  performBrowserGymAction,
} from './browsergym-page.js';
export { findChromium, requireChromium } from './chromium.js';
export {
  createRealBrowserGymEngine,
  RealBrowserGymEngine,
  type RealBrowserGymEngineOptions,
} from './real-browsergym-engine.js';
export {
  createRealPlaywrightMcpEngine,
  playwrightMcpPackage,
  RealPlaywrightMcpEngine,
  type RealPlaywrightMcpEngineOptions,
  withoutFileTimes,
} from './real-playwright-mcp-engine.js';
export { createRealWebEngine, RealWebEngine, type RealWebEngineOptions } from './real-web-engine.js';
export { isLoopbackHost, type SiteProxy, startSiteProxy } from './site-proxy.js';
export { type WebSite, type WebSitePage, webSiteOf } from './web-site.js';
