import { z } from 'zod';
import { AgentWorldError } from '../../core/errors.js';
import type { ToolDefinition, WorldSpec } from '../../core/world-spec.js';
import { invalidSweAction } from './action-errors.js';
import { geminiToolParamsError } from './dialects/gemini-cli/index.js';
import { type SweDialect, sweDialectOf } from './dialects/index.js';
import { miniSweCommandFromText } from './dialects/mini-swe-agent/index.js';
import { isRecord, matchesJsonType } from './tool-schema.js';
import { dialectsWithTool, sweTools } from './tools.js';

/** One coding-agent tool call, arguments decoded to an object (rows carry them as a JSON string). */
export interface SweAction {
  readonly name: string;
  readonly arguments: Record<string, unknown>;
}

/** The canonical action as a value; `arguments` may be an object or a JSON string that encodes one. */
export const SweToolCallSchema = z.object({
  name: z.string().min(1).max(128).describe('The tool to call.'),
  arguments: z
    .union([z.string(), z.record(z.string(), z.unknown())])
    .optional()
    .describe("The tool's arguments, as an object or as a JSON string encoding one."),
});

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function parseJson(text: string, dialect: SweDialect, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw invalidSweAction(dialect, path, `not valid JSON (${reason})`);
  }
}

/**
 * Required arguments present, declared types, enums and minimums respected (extra arguments are allowed). A
 * number under its minimum is refused in the harness's words where the dialect has them (gemini-cli: Ajv's
 * `params/NAME must be >= N`).
 */
function checkArguments(tool: ToolDefinition, args: Record<string, unknown>, dialect: SweDialect): void {
  const schema = tool.inputSchema;
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required : [];
  for (const name of required) {
    if (typeof name === 'string' && args[name] === undefined) {
      throw invalidSweAction(dialect, `$.arguments.${name}`, `"${tool.name}" needs the argument "${name}"`);
    }
  }
  for (const [name, value] of Object.entries(args)) {
    const property = properties[name];
    if (!isRecord(property) || value === undefined) continue;
    if (!matchesJsonType(value, property.type)) {
      throw invalidSweAction(
        dialect,
        `$.arguments.${name}`,
        `expected ${String(property.type)}, received ${describeType(value)}`,
      );
    }
    if (Array.isArray(property.enum) && !property.enum.includes(value)) {
      throw invalidSweAction(
        dialect,
        `$.arguments.${name}`,
        `expected one of ${property.enum.map((entry) => JSON.stringify(entry)).join(', ')}`,
      );
    }
    if (typeof value === 'number' && typeof property.minimum === 'number' && value < property.minimum) {
      const real = dialect === 'gemini-cli' ? geminiToolParamsError(tool.name, args) : undefined;
      throw invalidSweAction(
        dialect,
        `$.arguments.${name}`,
        real ?? `expected a number >= ${property.minimum}`,
      );
    }
  }
}

/** Decodes any accepted form into `{ name, arguments }`, without checking the tool set. */
export function normalizeSweAction(input: unknown, dialect: SweDialect): SweAction {
  let value = input;
  if (typeof input === 'string') {
    const text = input.trim();
    if (text.startsWith('{') || text.startsWith('[')) value = parseJson(text, dialect, '$');
    else if (dialect === 'mini-swe-agent')
      return { name: 'bash', arguments: { command: miniSweCommandFromText(input) } };
    else throw invalidSweAction(dialect, '$', 'expected a JSON tool call {"name": …, "arguments": …}');
  }
  if (!isRecord(value))
    throw invalidSweAction(dialect, '$', `expected a tool call object, received ${describeType(value)}`);
  if (dialect === 'mini-swe-agent' && value.name === undefined && typeof value.command === 'string') {
    return { name: 'bash', arguments: { command: value.command } };
  }
  if (typeof value.name !== 'string' || value.name.length === 0) {
    throw invalidSweAction(dialect, '$.name', `expected a tool name, received ${describeType(value.name)}`);
  }
  const raw = value.arguments;
  let args: unknown = raw ?? {};
  if (typeof raw === 'string') args = raw.trim().length === 0 ? {} : parseJson(raw, dialect, '$.arguments');
  if (!isRecord(args)) {
    throw invalidSweAction(
      dialect,
      '$.arguments',
      `expected an object (or a JSON string of one), received ${describeType(args)}`,
    );
  }
  return { name: value.name, arguments: args };
}

/**
 * Validates an action against the spec's dialect and tools. Malformed input, an action of another dialect and
 * bad arguments are INVALID_ACTION (naming the dialect and `details.path`); a tool no dialect knows is
 * UNKNOWN_TOOL.
 */
export function parseSweAction(input: unknown, spec: WorldSpec): SweAction {
  const dialect = sweDialectOf(spec);
  const action = normalizeSweAction(input, dialect);
  const tools = sweTools(spec);
  const tool = tools.find((entry) => entry.name === action.name);
  if (tool === undefined) {
    const names = tools.map((entry) => entry.name);
    const others = dialectsWithTool(action.name, dialect);
    if (others.length > 0) {
      throw invalidSweAction(
        dialect,
        '$.name',
        `"${action.name}" is a ${others.join('/')} tool; this world expects the ${dialect} dialect (tools: ${names.join(', ')})`,
      );
    }
    throw new AgentWorldError(
      'UNKNOWN_TOOL',
      `Unknown swe tool "${action.name}" for the ${dialect} dialect (tools: ${names.join(', ')}).`,
      { details: { dialect, path: '$.name', tool: action.name, available: names } },
    );
  }
  checkArguments(tool, action.arguments, dialect);
  return action;
}

/** The JSON Schema source of a spec's actions: a tool call whose name is one of the spec's tools. */
export function sweActionSchema(spec: WorldSpec): z.ZodType<SweAction> {
  const [first, ...rest] = [...new Set(sweTools(spec).map((entry) => entry.name))];
  const name = first === undefined ? z.string().min(1) : z.enum([first, ...rest]);
  return z.object({
    name: name.describe('The tool to call.'),
    arguments: z.record(z.string(), z.unknown()).describe("The tool's arguments."),
  }) as unknown as z.ZodType<SweAction>;
}

/**
 * Whether the action ends the episode: swe-agent's `submit`, or a mini-swe-agent command whose output will start
 * with `COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT` (an echo or printf of it first). The harness itself decides on the
 * output (see isMiniSweSubmission); this is the same decision made from the command.
 */
export function isSweCompletion(action: SweAction, spec: WorldSpec): boolean {
  const dialect = sweDialectOf(spec);
  if (dialect === 'swe-agent') return action.name === 'submit';
  if (dialect === 'mini-swe-agent') {
    const command = action.arguments.command;
    return (
      typeof command === 'string' &&
      /^\s*(?:echo|printf)\s+(?:-[a-zA-Z]+\s+)?['"]?COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT(?:\\n)?['"]?(?:\s|&&|;|$)/.test(
        command,
      )
    );
  }
  return false;
}
