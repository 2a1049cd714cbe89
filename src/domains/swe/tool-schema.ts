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

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Whether a value has a JSON Schema primitive `type` (any value for a type this does not know). */
export function matchesJsonType(value: unknown, type: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isRecord(value);
    default:
      return true;
  }
}
