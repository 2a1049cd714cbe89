import type { ToolDefinition, WorldSpec } from '../../../../core/world-spec.js';

export const WEB_SEARCH = 'web_search';
export const WEB_EXTRACTOR = 'web_extractor';
export const DICT_MEMORY = 'dict_memory';

export const DICT_MEMORY_OPERATIONS = [
  'add',
  'update',
  'retrieve',
  'retrieve_all',
  'remove',
  'remove_all',
] as const;
export type DictMemoryOperation = (typeof DICT_MEMORY_OPERATIONS)[number];

/**
 * The three tools of a search world when the spec brings none, in MCP's `tools/list` shape. The descriptions
 * are what an agent reads, so they say what each tool returns and how its arguments are used.
 */
export const BUILT_IN_SEARCH_TOOLS: readonly ToolDefinition[] = [
  {
    name: WEB_SEARCH,
    description:
      'Searches the web. Pass one query as `query`, or several as `queries` to run them in one call. ' +
      'Returns ten results per query, numbered in query order; each result gives the URL, page title, a ' +
      'snippet of matching text and the publication date (N/A when the page has none).',
    inputSchema: {
      type: 'object',
      properties: {
        query: { type: 'string', minLength: 1, description: 'One search query.' },
        queries: {
          type: 'array',
          items: { type: 'string', minLength: 1 },
          minItems: 1,
          description: 'Several search queries, run together; results follow the order of this list.',
        },
      },
      oneOf: [{ required: ['query'] }, { required: ['queries'] }],
      additionalProperties: false,
    },
  },
  {
    name: WEB_EXTRACTOR,
    description:
      'Fetches one web page and returns its main content as Markdown (headings, lists, tables), or an error ' +
      'text when the page cannot be reached. `goal` optionally says what you are looking for on the page.',
    inputSchema: {
      type: 'object',
      properties: {
        url: { type: 'string', minLength: 1, description: 'The full URL of the page.' },
        goal: { type: 'string', description: 'What you hope to find on the page (optional).' },
      },
      required: ['url'],
      additionalProperties: false,
    },
  },
  {
    name: DICT_MEMORY,
    description:
      'A key-value notebook that persists across calls. `add` stores the pairs in `dict`; `update` changes ' +
      'keys that already exist (missing keys are reported, not created); `retrieve` returns the values of ' +
      '`key_list`; `retrieve_all` returns every pair; `remove` deletes the keys in `key_list`; `remove_all` ' +
      'clears the notebook.',
    inputSchema: {
      type: 'object',
      properties: {
        operation: { type: 'string', enum: [...DICT_MEMORY_OPERATIONS], description: 'What to do.' },
        dict: {
          type: 'object',
          additionalProperties: true,
          description: 'Key-value pairs to store (add, update).',
        },
        key_list: {
          type: 'array',
          items: { type: 'string' },
          description: 'Keys to read or delete (retrieve, remove).',
        },
      },
      required: ['operation'],
      additionalProperties: false,
    },
  },
];

/** The tools of a search world: the spec's own list when it has one, else the built-in three. */
export function searchToolsOf(spec: WorldSpec): readonly ToolDefinition[] {
  return spec.tools ?? BUILT_IN_SEARCH_TOOLS;
}

/** Whether the spec uses the built-in tools (validated by our zod schemas) rather than its own. */
export function usesBuiltInTools(spec: WorldSpec): boolean {
  return spec.tools === undefined;
}
