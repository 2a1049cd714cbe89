/**
 * The harness presentation of the mcp dialect: the CallToolResult an MCP client receives for a world-model
 * observation (toCallToolResult, toolResultOf), and a real server's result read back as an observation
 * (callToolResultToObservation).
 */
import { type CallToolResult, CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import type { ToolDefinition } from '../../../../core/world-spec.js';
import { hasClearErrorSign } from '../../error-signs.js';
import type { SchemaIssue } from '../../schema-messages.js';
import { isPlainObject } from '../../tool-catalog.js';
import { structuredContentFor } from './structured-content.js';

/** An MCP `CallToolResult` as our surfaces send it (the SDK's type: typed content blocks). */
export type McpCallToolResult = CallToolResult;

/** What we decide for a result we only have the text of; `isError` is always set here. */
export interface TextToolResult {
  content: Array<{ type: 'text'; text: string }>;
  structuredContent?: Record<string, unknown>;
  isError: boolean;
}

/**
 * The CallToolResult of an observation we have only the text of (a world-model prediction, an injected
 * perturbation's rendering, a recording made without the real result):
 *
 * - `content` is one text block holding the observation unchanged.
 * - `isError`: there is no real flag, so it is true only on clear error signs (see error-signs.ts: text starting
 *   with `MCP error <code>:`, as McpServer words every error it catches, `Error`, an exception name or
 *   traceback, a `status: error` line, an HTTP 4xx/5xx status line, access/permission denied,
 *   connection/request timeouts, a one-line "… not found"; or a JSON object with `isError: true`,
 *   `status: "error"` or a lone `error` field). Texts that merely mention a failure stay ordinary results.
 * - `structuredContent`, for a tool with an outputSchema and a result that is not an error, follows the rules of
 *   structured-content.ts; when none fits it is left out (see `toolResultOf` for what a surface does then).
 */
export function toCallToolResult(observation: string, tool: ToolDefinition | undefined): TextToolResult {
  const isError = hasClearErrorSign(observation);
  const result: TextToolResult = { content: [{ type: 'text', text: observation }], isError };
  if (isError) return result;
  const structured = structuredContentFor(tool, observation);
  if (structured.kind === 'fits') result.structuredContent = structured.value;
  return result;
}

/** The result a surface sends for one turn, or why none that a validating client accepts can be made. */
export type ToolResultOutcome =
  | { readonly ok: true; readonly result: McpCallToolResult }
  | { readonly ok: false; readonly message: string; readonly issues: readonly SchemaIssue[] };

/** A recorded real result, when it is a valid CallToolResult. */
function realResultOf(rawResult: Record<string, unknown> | undefined): McpCallToolResult | undefined {
  if (rawResult === undefined || !CallToolResultSchema.safeParse(rawResult).success) return undefined;
  return rawResult as McpCallToolResult;
}

/**
 * The CallToolResult of a turn, as the real server would send it:
 *
 * - with the real result (`rawResult`, from a real engine or a recording of one): that result, unchanged —
 *   its content blocks (images, audio, resources, resource links, annotations), its structuredContent and
 *   its own `isError` flag;
 * - otherwise the result of the text (see toCallToolResult), with `isError` left out when false, as real
 *   servers do. A successful result of a tool with an outputSchema that no structuredContent fits is not
 *   made up: `ok: false` says why, so the surface can report it instead of sending a result the client
 *   rejects (the turn's `output-schema` check fails for the same reason).
 */
export function toolResultOf(
  turn: { readonly observation: string; readonly rawResult?: Record<string, unknown> | undefined },
  tool: ToolDefinition | undefined,
): ToolResultOutcome {
  const real = realResultOf(turn.rawResult);
  if (real !== undefined) return { ok: true, result: real };
  const content = [{ type: 'text' as const, text: turn.observation }];
  if (hasClearErrorSign(turn.observation)) return { ok: true, result: { content, isError: true } };
  const structured = structuredContentFor(tool, turn.observation);
  if (structured.kind === 'unfit')
    return { ok: false, message: structured.message, issues: structured.issues };
  if (structured.kind === 'fits')
    return { ok: true, result: { content, structuredContent: structured.value } };
  return { ok: true, result: { content } };
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
 * observations too: their text is returned the same way. This text is what the world model sees; a real engine
 * also keeps the whole result as the turn's `rawResult`, so a replay gives back the blocks themselves.
 */
export function callToolResultToObservation(result: CallToolResultLike): string {
  const blocks: readonly unknown[] = Array.isArray(result.content) ? result.content : [];
  if (blocks.length > 0) return blocks.map(blockText).join('\n');
  if (result.structuredContent !== undefined) return JSON.stringify(result.structuredContent);
  return '';
}
