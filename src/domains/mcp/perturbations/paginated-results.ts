import { z } from 'zod';
import {
  definePerturbation,
  type ObservationContext,
  type PerturbationContext,
} from '../../../core/perturbation.js';
import {
  callSubject,
  isListingTool,
  isPlainRecord,
  mcpCallOf,
  parseJsonValue,
  stringifyLike,
  toolDefinitionOf,
} from './mcp-call.js';

export const PaginatedResultsParamsSchema = z.strictObject({
  /** The most items the first page holds. */
  pageSize: z.number().int().min(1).max(1000).default(10),
});
export type PaginatedResultsParams = z.infer<typeof PaginatedResultsParamsSchema>;

const CURSOR_ARGUMENT = /^(?:cursor|next_?cursor|page_?token|after|continuation_?token)$/i;
const CURSOR_KEYS = new Set([
  'nextcursor',
  'nextpagetoken',
  'pagetoken',
  'cursor',
  'next',
  'nextpage',
  'hasmore',
]);
const CURSOR_TEXT =
  /next_?cursor|next_?page_?token|more results are available|has_?more["']?\s*[:=]\s*true|page 1 of \d+/i;

/** The argument a tool takes a cursor in (from its input schema), else `cursor`. */
function cursorArgumentOf(context: PerturbationContext): string {
  const call = mcpCallOf(context);
  const tool = call === undefined ? undefined : toolDefinitionOf(context.spec, call.name);
  const properties = tool?.inputSchema.properties;
  if (isPlainRecord(properties)) {
    const name = Object.keys(properties).find((key) => CURSOR_ARGUMENT.test(key));
    if (name !== undefined) return name;
  }
  return 'cursor';
}

/** An opaque, deterministic cursor for the second page. */
function nextCursor(pageSize: number): string {
  return Buffer.from(JSON.stringify({ page: 2, size: pageSize })).toString('base64url');
}

function firstPage(value: unknown, pageSize: number, cursor: string): unknown {
  if (Array.isArray(value)) return { items: value.slice(0, pageSize), nextCursor: cursor };
  if (isPlainRecord(value)) {
    const page: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      page[key] = Array.isArray(field) ? field.slice(0, pageSize) : field;
    }
    page.nextCursor = cursor;
    return page;
  }
  return { items: [value], nextCursor: cursor };
}

function textPage(observation: string, pageSize: number, cursor: string, argument: string): string {
  const lines = observation.replace(/\s+$/, '').split('\n');
  // A multi-line text is a header line followed by one item per line.
  const kept = lines.length > 1 ? lines.slice(0, pageSize + 1) : lines;
  return `${kept.join('\n')}\n\nMore results are available. nextCursor: ${cursor}\nCall the tool again with ${argument}="${cursor}" for the next page.`;
}

function hasCursorKey(value: unknown, depth: number): boolean {
  if (!isPlainRecord(value) || depth > 2) return false;
  for (const [key, field] of Object.entries(value)) {
    const folded = key.toLowerCase().replace(/[_-]/g, '');
    const present =
      (typeof field === 'string' && field.length > 0) || field === true || typeof field === 'number';
    if (CURSOR_KEYS.has(folded) && present) return true;
    if (hasCursorKey(field, depth + 1)) return true;
  }
  return false;
}

/** The result is only the first page: a cursor says more results exist and need another call. */
export const paginatedResults = definePerturbation<PaginatedResultsParams>({
  id: 'paginated-results',
  title: 'Paginated results',
  description:
    'A listing or read tool returns only its first page (at most pageSize items) with a nextCursor token; the ' +
    'agent must call again with the cursor to see the rest. Applies to read-only tools that list, search or read collections.',
  params: PaginatedResultsParamsSchema,
  overridesChecks: {
    'output-schema':
      'the page adds a "nextCursor" field (and may wrap a list in "items"), which a closed outputSchema does not declare',
  },
  appliesTo: (_params, context) => {
    const call = mcpCallOf(context);
    return call !== undefined && isListingTool(context.spec, call.name);
  },
  instruction: ({ pageSize }, context) => {
    const argument = cursorArgumentOf(context);
    return (
      `Answer ${callSubject(context, 'every listing or read call')} with the first page of a paginated result ` +
      `only: at most ${pageSize} items, and a "nextCursor" field holding an opaque token (plain-text results end ` +
      `with a "nextCursor: <token>" line), meaning more results exist and the tool must be called again with ` +
      `${argument}="<token>" to get them.`
    );
  },
  render: ({ pageSize }, context: ObservationContext) => {
    const cursor = nextCursor(pageSize);
    const parsed = parseJsonValue(context.observation);
    if (parsed.ok) return stringifyLike(context.observation, firstPage(parsed.value, pageSize, cursor));
    return textPage(context.observation, pageSize, cursor, cursorArgumentOf(context));
  },
  manifested: (_params, { observation }) => {
    const parsed = parseJsonValue(observation);
    if (parsed.ok && hasCursorKey(parsed.value, 0)) return true;
    return CURSOR_TEXT.test(observation);
  },
});
