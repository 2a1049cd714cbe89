/** The search dialects: search (MCP-style calls of the web_search, web_extractor and dict_memory tools), the only one. */
export const SEARCH_DIALECT = 'search';
export const SEARCH_DIALECTS = [SEARCH_DIALECT] as const;
