import type { WorldSpec } from '../../core/world-spec.js';
import { type WebDialect, webDialectOf } from './dialects/index.js';
import { renderPlaywrightSnapshotResult } from './dialects/playwright-mcp/index.js';

/** An empty tab as BrowserGym agents see it, used when a spec gives no initial page. */
export const DEFAULT_AXTREE_PAGE = ['URL: about:blank', 'Title:', '', "[1] RootWebArea '', focused"].join(
  '\n',
);

/** An empty tab as `browser_snapshot` of the real server shows it. */
export const DEFAULT_ARIA_PAGE = renderPlaywrightSnapshotResult({ url: 'about:blank' }, '');

export function defaultWebPage(dialect: WebDialect): string {
  return dialect === 'playwright-mcp' ? DEFAULT_ARIA_PAGE : DEFAULT_AXTREE_PAGE;
}

/** Removes a leading state heading (`**Current State:**`) a spec author may have pasted with the page. */
function pageBody(text: string): string {
  return text.replace(/^\s*\*\*Current State:\*\*\s*\n/, '').replace(/\s+$/, '');
}

/** The page before the first action: `initialState.text`, or an empty tab. */
export function webInitialObservation(spec: WorldSpec): string {
  const text = spec.initialState.text;
  if (text !== undefined && text.trim().length > 0) return pageBody(text);
  return defaultWebPage(webDialectOf(spec));
}
