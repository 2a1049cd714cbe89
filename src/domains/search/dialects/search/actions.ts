import { z } from 'zod';
import { AgentWorldError } from '../../../../core/errors.js';
import { parseWith } from '../../../../core/validation.js';
import type { WorldSpec } from '../../../../core/world-spec.js';
import {
  DICT_MEMORY,
  DICT_MEMORY_OPERATIONS,
  searchToolsOf,
  usesBuiltInTools,
  WEB_EXTRACTOR,
  WEB_SEARCH,
} from './tools.js';
import { validateUserToolArguments } from './user-tool-arguments.js';

/** Arguments of `web_search`: exactly one of `query` (one search) or `queries` (a batch). */
export const WebSearchArgumentsSchema = z
  .strictObject({
    query: z.string().min(1).optional(),
    queries: z.array(z.string().min(1)).min(1).optional(),
  })
  .superRefine((value, context) => {
    const given = (value.query === undefined ? 0 : 1) + (value.queries === undefined ? 0 : 1);
    if (given !== 1) {
      context.addIssue({
        code: 'custom',
        path: given === 0 ? ['query'] : ['queries'],
        message:
          given === 0
            ? 'give `query` (a string) or `queries` (a list)'
            : 'give `query` or `queries`, not both',
      });
    }
  });

/** Arguments of `web_extractor`. The URL is not checked here: an unreachable page is an observation. */
export const WebExtractorArgumentsSchema = z.strictObject({
  url: z.string().min(1),
  goal: z.string().optional(),
});

export const DictMemoryOperationSchema = z.enum(DICT_MEMORY_OPERATIONS);

/** Arguments of `dict_memory`: `add`/`update` need `dict`, `retrieve`/`remove` need `key_list`. */
export const DictMemoryArgumentsSchema = z
  .strictObject({
    operation: DictMemoryOperationSchema,
    dict: z.record(z.string(), z.unknown()).optional(),
    key_list: z.array(z.string()).optional(),
  })
  .superRefine((value, context) => {
    if ((value.operation === 'add' || value.operation === 'update') && value.dict === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['dict'],
        message: `operation "${value.operation}" needs \`dict\``,
      });
    }
    if ((value.operation === 'retrieve' || value.operation === 'remove') && value.key_list === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['key_list'],
        message: `operation "${value.operation}" needs \`key_list\``,
      });
    }
  });

export const WebSearchCallSchema = z.object({
  name: z.literal(WEB_SEARCH),
  arguments: WebSearchArgumentsSchema,
});
export const WebExtractorCallSchema = z.object({
  name: z.literal(WEB_EXTRACTOR),
  arguments: WebExtractorArgumentsSchema,
});
export const DictMemoryCallSchema = z.object({
  name: z.literal(DICT_MEMORY),
  arguments: DictMemoryArgumentsSchema,
});

/** A call to one of the built-in tools (the action schema of a spec without its own `tools`). */
export const SearchActionSchema = z.discriminatedUnion('name', [
  WebSearchCallSchema,
  WebExtractorCallSchema,
  DictMemoryCallSchema,
]);

export type WebSearchArguments = z.infer<typeof WebSearchArgumentsSchema>;
export type WebExtractorArguments = z.infer<typeof WebExtractorArgumentsSchema>;
export type DictMemoryArguments = z.infer<typeof DictMemoryArgumentsSchema>;
export type BuiltInSearchAction = z.infer<typeof SearchActionSchema>;

/** Any tool call of the search dialect, as the session stores it. */
export const SearchToolCallSchema = z.object({
  name: z.string().min(1),
  arguments: z.record(z.string(), z.unknown()),
});
export type SearchAction = z.infer<typeof SearchToolCallSchema>;

/** The envelope as agents send it: `arguments` may be missing, null, or a JSON string (OpenAI style). */
const ToolCallEnvelopeSchema = z.object({
  name: z.string().min(1),
  arguments: z.unknown().optional(),
});

const BUILT_IN_ARGUMENT_SCHEMAS: Record<string, z.ZodType<Record<string, unknown>>> = {
  [WEB_SEARCH]: WebSearchArgumentsSchema,
  [WEB_EXTRACTOR]: WebExtractorArgumentsSchema,
  [DICT_MEMORY]: DictMemoryArgumentsSchema,
};

/** The action schema of a spec: the built-in union, or a generic call naming one of the spec's tools. */
export function searchActionSchemaFor(spec: WorldSpec): z.ZodType<SearchAction> {
  if (usesBuiltInTools(spec)) return SearchActionSchema;
  const names = searchToolsOf(spec).map((tool) => tool.name);
  const [first, ...rest] = names;
  return z.object({
    name: first === undefined ? z.never() : z.enum([first, ...rest]),
    arguments: z.record(z.string(), z.unknown()),
  });
}

/**
 * Validates and normalises one tool call. Accepts the call as a JSON value or as JSON text. Malformed calls are
 * INVALID_ACTION, unknown tool names UNKNOWN_TOOL, bad arguments INVALID_ARGUMENTS; each message names the
 * path of the bad field (`$.arguments.query`).
 */
export function parseSearchAction(input: unknown, spec: WorldSpec): SearchAction {
  const value = typeof input === 'string' ? parseJsonText(input, '$') : input;
  const envelope = parseWith(ToolCallEnvelopeSchema, value, 'INVALID_ACTION', 'search action');
  const args = normaliseArguments(envelope.arguments);
  const tools = searchToolsOf(spec);
  const tool = tools.find((candidate) => candidate.name === envelope.name);
  if (tool === undefined) {
    throw new AgentWorldError('UNKNOWN_TOOL', `Tool ${envelope.name} not found`, {
      details: { tool: envelope.name, available: tools.map((candidate) => candidate.name), path: '$.name' },
    });
  }
  const schema = usesBuiltInTools(spec) ? BUILT_IN_ARGUMENT_SCHEMAS[tool.name] : undefined;
  if (schema !== undefined) {
    const parsed = parseWith(
      z.object({ arguments: schema }),
      { arguments: args },
      'INVALID_ARGUMENTS',
      `${tool.name} arguments`,
    );
    return { name: tool.name, arguments: parsed.arguments };
  }
  validateUserToolArguments(tool, args);
  return { name: tool.name, arguments: args };
}

function normaliseArguments(raw: unknown): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  const value = typeof raw === 'string' ? parseJsonText(raw, '$.arguments') : raw;
  if (!isPlainObject(value)) {
    throw new AgentWorldError('INVALID_ACTION', 'Invalid search action at $.arguments: expected an object', {
      details: { path: '$.arguments' },
    });
  }
  return value;
}

function parseJsonText(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AgentWorldError(
      'INVALID_ACTION',
      `Invalid search action at ${path}: not valid JSON (${reason})`,
      {
        details: { path },
        cause: error,
      },
    );
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
