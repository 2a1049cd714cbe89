export * from './action-tools.js';
export { checkSearchObservation, SEARCH_CHECK_IDS } from './checks.js';
export { SEARCH_DIALECT } from './dialects/index.js';
export {
  BUILT_IN_SEARCH_TOOLS,
  type BuiltInSearchAction,
  DICT_MEMORY,
  DICT_MEMORY_OPERATIONS,
  type DictMemoryArguments,
  DictMemoryArgumentsSchema,
  type DictMemoryCall,
  DictMemoryCallSchema,
  type DictMemoryOperation,
  DictMemoryOperationSchema,
  dictMemoryCallOf,
  extractorUrlsOf,
  type ParsedSearchResult,
  parseSearchAction,
  parseSearchResults,
  renderSearchAction,
  renderUncheckedSearchAction,
  type SearchAction,
  SearchActionSchema,
  SearchToolCallSchema,
  searchActionSchemaFor,
  searchQueriesOf,
  searchSystemPrompt,
  searchToolsOf,
  usesBuiltInTools,
  WEB_EXTRACTOR,
  WEB_SEARCH,
  type WebExtractorArguments,
  WebExtractorArgumentsSchema,
  WebExtractorCallSchema,
  type WebSearchArguments,
  WebSearchArgumentsSchema,
  WebSearchCallSchema,
} from './dialects/search/index.js';
export { searchDomain, searchInitialObservation } from './domain.js';
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
export { SEARCH_COUNT_CHECK, SEARCH_FORMAT_CHECK } from './search-checks.js';
