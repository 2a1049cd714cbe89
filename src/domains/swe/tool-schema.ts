/** Helpers that write a tool definition's JSON Schema (every swe dialect's built-in tools use them). */
import type { ToolDefinition } from '../../core/world-spec.js';

type Properties = Record<string, Record<string, unknown>>;

export function tool(
  name: string,
  description: string,
  properties: Properties,
  required: string[],
): ToolDefinition {
  return {
    name,
    description,
    inputSchema: { type: 'object', properties, required },
  };
}

export const str = (description: string): Record<string, unknown> => ({ type: 'string', description });
export const num = (description: string): Record<string, unknown> => ({ type: 'number', description });
export const bool = (description: string): Record<string, unknown> => ({ type: 'boolean', description });
