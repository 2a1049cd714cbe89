import { fence } from '../../core/messages.js';
import type { WorldSpec } from '../../core/world-spec.js';
import type { McpAction } from './dialects/mcp/index.js';

/** The tool call as shown after `**Action:**`: `{ "name", "arguments" }` pretty-printed in a json fence. */
export function renderMcpAction(action: McpAction, _spec?: WorldSpec): string {
  return fence(JSON.stringify({ name: action.name, arguments: action.arguments }, null, 2), 'json');
}
