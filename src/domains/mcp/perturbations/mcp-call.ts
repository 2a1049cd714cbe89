import type { PerturbationContext } from '../../../core/perturbation.js';
import type { ToolDefinition, WorldSpec } from '../../../core/world-spec.js';
import type { McpAction } from '../dialects/mcp/index.js';
import { isCreateTool, isDeleteTool } from '../resource-refs.js';

/** The tool call of a perturbation context; undefined at reset (trajectory-level instructions). */
export function mcpCallOf(context: PerturbationContext): McpAction | undefined {
  const action = context.action as Partial<McpAction> | undefined;
  if (action === undefined || typeof action.name !== 'string') return undefined;
  const args = action.arguments;
  return {
    name: action.name,
    arguments: args !== null && typeof args === 'object' && !Array.isArray(args) ? args : {},
  };
}

export function toolDefinitionOf(spec: WorldSpec, name: string): ToolDefinition | undefined {
  return (spec.tools ?? []).find((tool) => tool.name === name);
}

/** "this call to `name`" on a turn, or the words for every call when the rule holds all session. */
export function callSubject(context: PerturbationContext, every = 'every tool call'): string {
  const call = mcpCallOf(context);
  return call === undefined ? every : `this call to \`${call.name}\``;
}

const WRITE_WORDS = new Set([
  'set',
  'update',
  'write',
  'send',
  'post',
  'put',
  'patch',
  'edit',
  'move',
  'rename',
  'upload',
  'execute',
  'run',
]);

function nameTokens(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((token) => token.length > 0);
}

/**
 * Whether a tool reads rather than changes things: its `readOnlyHint` annotation when it has one, else its name
 * (no create, delete or write verb in it).
 */
export function isReadOnlyTool(spec: WorldSpec, name: string): boolean {
  const hint = toolDefinitionOf(spec, name)?.annotations?.readOnlyHint;
  if (typeof hint === 'boolean') return hint;
  if (isCreateTool(name) || isDeleteTool(name)) return false;
  return !nameTokens(name).some((token) => WRITE_WORDS.has(token));
}

const LISTING_WORDS = new Set([
  'list',
  'search',
  'query',
  'find',
  'read',
  'browse',
  'scan',
  'lookup',
  'fetch',
  'retrieve',
  'all',
  'history',
]);

function isPluralNoun(token: string): boolean {
  return token.length > 3 && token.endsWith('s') && !/(?:ss|us|is)$/.test(token);
}

function declaresList(schema: unknown): boolean {
  if (!isPlainRecord(schema)) return false;
  if (schema.type === 'array') return true;
  const properties = schema.properties;
  return (
    isPlainRecord(properties) &&
    Object.values(properties).some((property) => isPlainRecord(property) && property.type === 'array')
  );
}

/**
 * Whether a call reads a collection (what pagination and empty results apply to): a read-only tool whose name
 * says it lists, searches or reads (`list_issues`, `search_nodes`, `read_graph`, `get-resource-links`), or whose
 * output schema holds a list, or that takes a cursor argument.
 */
export function isListingTool(spec: WorldSpec, name: string): boolean {
  if (!isReadOnlyTool(spec, name)) return false;
  const tool = toolDefinitionOf(spec, name);
  if (nameTokens(name).some((token) => LISTING_WORDS.has(token) || isPluralNoun(token))) return true;
  if (declaresList(tool?.outputSchema)) return true;
  const inputs = tool?.inputSchema.properties;
  return isPlainRecord(inputs) && Object.keys(inputs).some((key) => /cursor|page/i.test(key));
}

/** The call's batch: the top-level argument holding the longest list (two items or more). */
export function batchArgumentOf(call: McpAction): { key: string; items: unknown[] } | undefined {
  let best: { key: string; items: unknown[] } | undefined;
  for (const [key, value] of Object.entries(call.arguments)) {
    if (!Array.isArray(value) || value.length < 2) continue;
    if (best === undefined || value.length > best.items.length) best = { key, items: value };
  }
  return best;
}

/** How an item of a batch is named in a report: its name, id or title, else its text, else its position. */
export function itemLabel(item: unknown, index: number): string {
  if (typeof item === 'string' || typeof item === 'number') return String(item);
  if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
    const record = item as Record<string, unknown>;
    for (const key of ['name', 'id', 'title', 'key', 'entityName', 'path', 'uri']) {
      const value = record[key];
      if (typeof value === 'string' || typeof value === 'number') return String(value);
    }
  }
  return `item ${index + 1}`;
}

/** The observation as JSON when it is a JSON object or array. */
export function parseJsonValue(observation: string): { ok: true; value: unknown } | { ok: false } {
  const text = observation.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** JSON written the way the original observation was: pretty (2 spaces) when it spread over lines. */
export function stringifyLike(original: string, value: unknown): string {
  return /\n/.test(original.trim()) ? JSON.stringify(value, null, 2) : JSON.stringify(value);
}

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
