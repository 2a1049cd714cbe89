export { type DictMemoryCall, dictMemoryCallOf, extractorUrlsOf, searchQueriesOf } from './action-fields.js';
export * from './action-tools.js';
export {
  type BuiltInSearchAction,
  type DictMemoryArguments,
  DictMemoryArgumentsSchema,
  DictMemoryCallSchema,
  DictMemoryOperationSchema,
  parseSearchAction,
  type SearchAction,
  SearchActionSchema,
  SearchToolCallSchema,
  searchActionSchemaFor,
  type WebExtractorArguments,
  WebExtractorArgumentsSchema,
  WebExtractorCallSchema,
  type WebSearchArguments,
  WebSearchArgumentsSchema,
  WebSearchCallSchema,
} from './actions.js';
export { checkSearchObservation, SEARCH_CHECK_IDS } from './checks.js';
export { SEARCH_DIALECT, searchDomain, searchInitialObservation } from './domain.js';
export { EXTRACT_CONSISTENCY_CHECK } from './extract-check.js';
export {
  DEFAULT_RESULTS_PER_QUERY,
  parseSearchInitialData,
  readSearchInitialData,
  type SearchInitialData,
  SearchInitialDataSchema,
} from './initial-data.js';
export {
  applySearchTurn,
  createSearchLedger,
  type SearchCallRecord,
  type SearchLedger,
  type SearchSeenPage,
  summarizeSearchLedger,
} from './ledger.js';
export { MEMORY_CONSISTENCY_CHECK } from './memory-check.js';
export { searchPerturbations } from './perturbations.js';
export { prepareSearchSpec } from './prepare.js';
export { renderSearchAction, renderUncheckedSearchAction } from './render.js';
export { type ParsedSearchResult, parseSearchResults } from './results-parser.js';
export { SEARCH_COUNT_CHECK, SEARCH_FORMAT_CHECK } from './search-checks.js';
export { searchSystemPrompt } from './system-prompt.js';
export {
  BUILT_IN_SEARCH_TOOLS,
  DICT_MEMORY,
  DICT_MEMORY_OPERATIONS,
  type DictMemoryOperation,
  searchToolsOf,
  usesBuiltInTools,
  WEB_EXTRACTOR,
  WEB_SEARCH,
} from './tools.js';
