import type { McpAction } from './dialects/mcp/index.js';

/** The tool an mcp action calls: its name, which a rule's `when.tool` matches exactly. */
export function mcpActionTools(action: McpAction): string[] {
  return [action.name];
}
