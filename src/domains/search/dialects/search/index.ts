/**
 * The search dialect of the search domain (its only one): MCP-style calls of the built-in web_search,
 * web_extractor and dict_memory tools or of the spec's own tools (actions.ts over tools.ts, with
 * user-tool-arguments.ts checking a spec tool's arguments against its schema; action-fields.ts reads the fields
 * the rest of the domain needs), the action as it follows `**Action:**` (render.ts), the numbered result list
 * (parse.ts reads it; observation-text.ts holds the text tests on observations) and the system prompt.
 * presentation.ts writes results the way Qwen-Agent and DeepResearch show them to their agents; fixtures.ts and
 * conformance.test.ts check the dialect against the spec and those sources.
 */
export { type DictMemoryCall, dictMemoryCallOf, extractorUrlsOf, searchQueriesOf } from './action-fields.js';
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
export {
  foldText,
  looksLikeErrorMessage,
  looksLikeNoResults,
  significantWords,
  valueAppearsIn,
} from './observation-text.js';
export { type ParsedSearchResult, parseSearchResults, stripOuterFence } from './parse.js';
export {
  DEEPRESEARCH_REFUSALS,
  deepResearchSearchText,
  deepResearchVisitText,
  type PresentedResult,
  presentedResultsOf,
  qwenAgentWebSearchText,
  type VisitedPage,
} from './presentation.js';
export { renderSearchAction, renderUncheckedSearchAction } from './render.js';
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
export { compileToolSchema, validateUserToolArguments } from './user-tool-arguments.js';
