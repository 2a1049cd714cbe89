import type { ToolDefinition } from '../../core/world-spec.js';
import { hasClearErrorSign } from './error-signs.js';
import { isPlainObject, ToolCatalog } from './tool-catalog.js';

/** An MCP `CallToolResult` as our surfaces return it. */
export interface McpCallToolResult {
  content: Array<{ type: 'text'; text: string }>;
  structuredContent?: Record<string, unknown>;
  isError: boolean;
}

const singleToolCatalogs = new WeakMap<ToolDefinition, ToolCatalog>();

function catalogFor(tool: ToolDefinition): ToolCatalog {
  let catalog = singleToolCatalogs.get(tool);
  if (catalog === undefined) {
    catalog = new ToolCatalog([tool]);
    singleToolCatalogs.set(tool, catalog);
  }
  return catalog;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * Wraps an observation as the CallToolResult a real server would send.
 *
 * - `content` is one text block holding the observation unchanged.
 * - `isError` is true only on clear error signs (see error-signs.ts: text starting with `Error`, `MCP error`,
 *   an exception name or traceback, a `status: error` line, an HTTP 4xx/5xx status line, access/permission
 *   denied, connection/request timeouts; or a JSON object with `isError: true`, `status: "error"` or a lone
 *   `error` field). Texts that merely mention a failure stay ordinary results.
 * - `structuredContent` is added when the tool declares an outputSchema, the result is not an error and the
 *   text is JSON: the parsed object itself, or `{ <field>: value }` when the text is one field of a valid result
 *   (as server-memory prints only its entity array). A JSON object that fails the schema is still passed on, so
 *   a validating client reports the mismatch instead of silently losing data.
 */
export function toCallToolResult(observation: string, tool: ToolDefinition | undefined): McpCallToolResult {
  const isError = hasClearErrorSign(observation);
  const result: McpCallToolResult = { content: [{ type: 'text', text: observation }], isError };
  if (isError || tool?.outputSchema === undefined) return result;
  const parsed = parseJson(observation.trim());
  if (!parsed.ok) return result;
  const match = catalogFor(tool).matchOutput(tool, parsed.value);
  if (match.kind === 'valid' || match.kind === 'field') {
    if (match.structured !== undefined) result.structuredContent = match.structured;
  } else if (isPlainObject(parsed.value)) {
    result.structuredContent = parsed.value;
  }
  return result;
}

/** The loose shape of a CallToolResult as it arrives from a server. */
export interface CallToolResultLike {
  readonly content?: unknown;
  readonly structuredContent?: unknown;
  readonly isError?: unknown;
  readonly [key: string]: unknown;
}

function blockText(block: unknown): string {
  if (isPlainObject(block)) {
    if (block.type === 'text' && typeof block.text === 'string') return block.text;
    const resource = block.resource;
    if (block.type === 'resource' && isPlainObject(resource) && typeof resource.text === 'string') {
      return resource.text;
    }
  }
  return JSON.stringify(block);
}

/**
 * The observation text of a real CallToolResult, as an agent reads it: the content blocks in order, one per
 * line (text blocks as their text, embedded text resources as their text, other blocks as compact JSON); when
 * there is no content but there is structuredContent, that object as compact JSON. Error results are
 * observations too: their text is returned the same way.
 */
export function callToolResultToObservation(result: CallToolResultLike): string {
  const blocks: readonly unknown[] = Array.isArray(result.content) ? result.content : [];
  if (blocks.length > 0) return blocks.map(blockText).join('\n');
  if (result.structuredContent !== undefined) return JSON.stringify(result.structuredContent);
  return '';
}
