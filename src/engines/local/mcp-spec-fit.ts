import type { WorldSpec } from '../../core/world-spec.js';
import { readMcpInitialData } from '../../domains/mcp/initial-data.js';
import { mcpServerNameOf, mcpSystemLine } from './mcp-sequence-layout.js';
import { type EmbeddedModelLayout, mcpModelServer } from './model-layout.js';

/** What an mcp model simulates, for messages: `the MCP server server-memory`. */
export function mcpModelSubject(layout: EmbeddedModelLayout): string {
  const server = mcpModelServer(layout);
  return server === undefined ? 'an unnamed MCP server' : `the MCP server ${server}`;
}

/**
 * Why an mcp model cannot simulate a spec's server, or undefined when it can: the spec must name the server the
 * model's system line names, and that server must start empty, as in every session the model was trained on (no
 * `serverState`, no `resourceIds` in `initialState.data`). The reason completes "cannot simulate …".
 */
export function mcpSpecMismatch(spec: WorldSpec, layout: EmbeddedModelLayout): string | undefined {
  const server = mcpServerNameOf(spec);
  if (!server.fits || mcpSystemLine(server.name) !== layout.systemLine) {
    const named = server.name === undefined ? 'a server the spec does not name' : `the server ${server.name}`;
    return `${named} (it simulates ${mcpModelSubject(layout)})`;
  }
  const data = readMcpInitialData(spec);
  const stated: string[] = [];
  if (data.serverState !== undefined && Object.keys(data.serverState).length > 0) stated.push('serverState');
  if (data.resourceIds !== undefined && data.resourceIds.length > 0) stated.push('resourceIds');
  if (stated.length === 0) return undefined;
  return `a server that starts with state (initialState.data ${stated.join(', ')}; the model only saw it start empty)`;
}
