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

/** The todo list of Claude Code's TodoWrite and gemini-cli's todo_write. */
export const TODO_ITEMS = {
  type: 'array',
  description: 'The whole list, replacing the previous one.',
  items: {
    type: 'object',
    properties: {
      content: str('What to do.'),
      status: { type: 'string', enum: ['pending', 'in_progress', 'completed'] },
      activeForm: str('The item phrased as ongoing work.'),
    },
    required: ['content', 'status'],
  },
};
