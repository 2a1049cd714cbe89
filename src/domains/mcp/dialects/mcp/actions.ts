import { z } from 'zod';
import { AgentWorldError } from '../../../../core/errors.js';
import { parseWith } from '../../../../core/validation.js';
import type { WorldSpec } from '../../../../core/world-spec.js';
import { toolCatalog } from '../../tool-catalog.js';
import { invalidArgumentsError, unknownToolError } from './protocol-errors.js';

const ToolArgumentsSchema = z.record(z.string(), z.unknown());
const ToolNameSchema = z.string().min(1).max(128);

/** The dialect's canonical action: one tool call, `{ "name": …, "arguments": { … } }`. */
export const McpToolCallSchema = z.strictObject({
  name: ToolNameSchema.describe('The tool to call.'),
  arguments: ToolArgumentsSchema.default({}).describe("The tool's arguments, matching its inputSchema."),
});
export type McpAction = z.infer<typeof McpToolCallSchema>;

/** A JSON-RPC `tools/call` request, as MCP clients put it on the wire. */
export const McpJsonRpcToolCallSchema = z.object({
  jsonrpc: z.literal('2.0'),
  id: z.union([z.string(), z.number(), z.null()]).optional(),
  method: z.literal('tools/call'),
  params: z.object({
    name: ToolNameSchema,
    arguments: ToolArgumentsSchema.optional(),
    _meta: z.record(z.string(), z.unknown()).optional(),
  }),
});

/** An OpenAI chat-completions tool call; `function.arguments` is a JSON string (an object is tolerated). */
export const McpOpenAiToolCallSchema = z.object({
  id: z.string().optional(),
  type: z.literal('function').optional(),
  function: z.object({
    name: ToolNameSchema,
    arguments: z.union([z.string(), ToolArgumentsSchema]).optional(),
  }),
});

/** An Anthropic `tool_use` content block. */
export const McpToolUseBlockSchema = z.object({
  type: z.literal('tool_use'),
  id: z.string().optional(),
  name: ToolNameSchema,
  input: ToolArgumentsSchema.optional(),
});

const WHAT = 'mcp action';

function invalidAction(path: string, message: string): AgentWorldError {
  return new AgentWorldError('INVALID_ACTION', `Invalid ${WHAT} at ${path}: ${message}`, {
    details: { path, issues: [{ path, message }] },
  });
}

function parseJsonText(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw path === '$'
      ? new AgentWorldError('INVALID_ACTION', `Invalid ${WHAT}: the text is not valid JSON (${reason})`, {
          details: { path, issues: [{ path, message: reason }] },
        })
      : invalidAction(path, `not valid JSON (${reason})`);
  }
}

function openAiArguments(value: string | Record<string, unknown> | undefined): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== 'string') return value;
  if (value.trim().length === 0) return {};
  const parsed = parseJsonText(value, '$.function.arguments');
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    const received = parsed === null ? 'null' : Array.isArray(parsed) ? 'array' : typeof parsed;
    throw invalidAction('$.function.arguments', `expected a JSON object, received ${received}`);
  }
  return parsed as Record<string, unknown>;
}

/**
 * Normalises any accepted form of a tool call to `{ name, arguments }` without looking at the spec's tools:
 * the canonical object, a JSON-RPC `tools/call` request, an OpenAI tool call or an Anthropic `tool_use` block,
 * each either as a value or as JSON text. Malformed input is INVALID_ACTION naming the bad field's path.
 */
export function normalizeMcpAction(input: unknown): McpAction {
  const value = typeof input === 'string' ? parseJsonText(input, '$') : input;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    if ('jsonrpc' in record || 'method' in record || 'params' in record) {
      const call = parseWith(McpJsonRpcToolCallSchema, value, 'INVALID_ACTION', WHAT);
      return { name: call.params.name, arguments: call.params.arguments ?? {} };
    }
    if ('function' in record) {
      const call = parseWith(McpOpenAiToolCallSchema, value, 'INVALID_ACTION', WHAT);
      return { name: call.function.name, arguments: openAiArguments(call.function.arguments) };
    }
    if (record.type === 'tool_use') {
      const call = parseWith(McpToolUseBlockSchema, value, 'INVALID_ACTION', WHAT);
      return { name: call.name, arguments: call.input ?? {} };
    }
  }
  return parseWith(McpToolCallSchema, value, 'INVALID_ACTION', WHAT);
}

/**
 * Validates a tool call against the spec's tools: malformed → INVALID_ACTION; a tool the server lacks →
 * UNKNOWN_TOOL; arguments that fail the tool's inputSchema → INVALID_ARGUMENTS. The last two carry the exact
 * text a real MCP server answers (see protocol-errors.ts).
 */
export function parseMcpAction(input: unknown, spec: WorldSpec): McpAction {
  const action = normalizeMcpAction(input);
  const catalog = toolCatalog(spec);
  const tool = catalog.get(action.name);
  if (tool === undefined) throw unknownToolError(action.name, catalog.names);
  const issues = catalog.argumentIssues(tool, action.arguments);
  if (issues.length > 0) throw invalidArgumentsError(action.name, issues);
  return action;
}

/** The action schema of a spec: the canonical form, with the tool name limited to the spec's tools. */
export function mcpActionSchema(spec: WorldSpec): z.ZodType<McpAction> {
  const names = (spec.tools ?? []).map((tool) => tool.name);
  const [first, ...rest] = [...new Set(names)];
  if (first === undefined) return McpToolCallSchema;
  return z.strictObject({
    name: z.enum([first, ...rest]).describe('The tool to call.'),
    arguments: ToolArgumentsSchema.default({}).describe("The tool's arguments, matching its inputSchema."),
  });
}
