import type { WorldSpec } from '../../core/world-spec.js';
import { isBrowserGymAction, type WebAction } from './actions.js';
import { type WebDialect, webDialectOf } from './dialects/index.js';
import { webInitialObservation } from './initial-state.js';
import type { WebTab } from './page.js';
import { parseWebPage } from './page-format.js';

/**
 * What the web domain tracks: the current page (the latest observation that carries a page, shown as the next
 * turn's state), the page before it, URL, title and tabs as the page says them, the URLs visited, the agent's
 * messages to its user and its infeasibility report. Immutable: `applyWebTurn` returns a new frozen ledger.
 */
export interface WebLedger {
  readonly dialect: WebDialect;
  readonly page: string;
  readonly previousPage: string | null;
  readonly url: string | null;
  readonly title: string | null;
  readonly tabs: readonly WebTab[];
  readonly visited: readonly string[];
  readonly messages: readonly string[];
  readonly infeasible: string | null;
  readonly turns: number;
}

export function createWebLedger(spec: WorldSpec): WebLedger {
  const dialect = webDialectOf(spec);
  const page = webInitialObservation(spec);
  const parsed = parseWebPage(page, dialect);
  return Object.freeze({
    dialect,
    page,
    previousPage: null,
    url: parsed.url ?? null,
    title: parsed.title ?? null,
    tabs: Object.freeze([...parsed.tabs]),
    visited: Object.freeze(parsed.url === undefined ? [] : [parsed.url]),
    messages: Object.freeze([]),
    infeasible: null,
    turns: 0,
  });
}

function stringArgument(action: WebAction, name: string): string | undefined {
  if (!isBrowserGymAction(action)) return undefined;
  const call = action.calls.find((candidate) => candidate.function === name);
  const value = call?.arguments[name === 'send_msg_to_user' ? 'text' : 'reason'];
  return typeof value === 'string' ? value : undefined;
}

export function applyWebTurn(
  ledger: WebLedger,
  action: WebAction,
  observation: string,
  _spec?: WorldSpec,
): WebLedger {
  const parsed = parseWebPage(observation, ledger.dialect);
  // A Playwright result without a snapshot (a tab list, typed text, an error) leaves the known page in place; one
  // that links its snapshot file shows a new page whose refs the agent has not seen.
  const carriesPage =
    ledger.dialect === 'browsergym' || parsed.hasSnapshot || parsed.snapshotFile !== undefined;
  const url = parsed.url ?? ledger.url;
  const message = stringArgument(action, 'send_msg_to_user');
  const infeasible = stringArgument(action, 'report_infeasible');
  return Object.freeze({
    dialect: ledger.dialect,
    page: carriesPage ? observation : ledger.page,
    previousPage: carriesPage ? ledger.page : ledger.previousPage,
    url,
    title: parsed.title ?? ledger.title,
    tabs: Object.freeze(parsed.tabs.length > 0 ? [...parsed.tabs] : [...ledger.tabs]),
    visited: Object.freeze(
      url !== null && url !== ledger.visited[ledger.visited.length - 1]
        ? [...ledger.visited, url]
        : [...ledger.visited],
    ),
    messages: Object.freeze(message === undefined ? [...ledger.messages] : [...ledger.messages, message]),
    infeasible: infeasible ?? ledger.infeasible,
    turns: ledger.turns + 1,
  });
}

export function summarizeWebLedger(ledger: WebLedger): Record<string, unknown> {
  const parsed = parseWebPage(ledger.page, ledger.dialect);
  return {
    dialect: ledger.dialect,
    url: ledger.url,
    title: ledger.title,
    tabs: ledger.tabs.map((tab) => ({ ...tab })),
    elementCount: parsed.nodes.length,
    page: ledger.page,
    visited: [...ledger.visited],
    messages: [...ledger.messages],
    infeasible: ledger.infeasible,
    turns: ledger.turns,
  };
}
