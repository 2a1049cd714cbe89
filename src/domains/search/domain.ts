import type { Domain } from '../../core/domain.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { searchActionTools } from './action-tools.js';
import { checkSearchObservation } from './checks.js';
import { SEARCH_DIALECT, SEARCH_DIALECTS } from './dialects/index.js';
import {
  parseSearchAction,
  renderSearchAction,
  type SearchAction,
  searchActionSchemaFor,
  searchSystemPrompt,
  searchToolsOf,
} from './dialects/search/index.js';
import { readSearchInitialData } from './initial-data.js';
import { applySearchTurn, createSearchLedger, type SearchLedger, summarizeSearchLedger } from './ledger.js';
import { searchPerturbations } from './perturbations.js';
import { prepareSearchSpec } from './prepare.js';

/** What the agent sees after reset: which tools it may call. */
export function searchInitialObservation(spec: WorldSpec): string {
  const names = searchToolsOf(spec).map((tool) => tool.name);
  return `Web research environment ready. Available tools: ${names.join(', ')}.`;
}

/** The search domain: web search, page extraction and a key-value memory, as MCP-style tool calls. */
export const searchDomain: Domain<SearchAction, SearchLedger> = {
  id: 'search',
  dialects: SEARCH_DIALECTS,
  defaultDialect: SEARCH_DIALECT,
  prepare: prepareSearchSpec,
  actionSchema: searchActionSchemaFor,
  parseAction: parseSearchAction,
  renderAction: renderSearchAction,
  turnSections: () => [],
  systemPrompt: searchSystemPrompt,
  initialObservation: searchInitialObservation,
  createLedger: createSearchLedger,
  applyTurn: applySearchTurn,
  check: checkSearchObservation,
  isCompletion: (action, spec) => readSearchInitialData(spec).completionTools.includes(action.name),
  summarize: summarizeSearchLedger,
  actionTools: searchActionTools,
  perturbations: searchPerturbations,
};
