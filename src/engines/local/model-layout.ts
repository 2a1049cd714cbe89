import { MCP_DOMAIN, MCP_LAYOUT_ID, MCP_SYSTEM_PREFIX } from './mcp-sequence-layout.js';
import { LAYOUT_ID, SYSTEM_LINE } from './sequence-layout.js';

/** The byte layouts the local engine can run, each simulating one domain. */
export const EMBEDDED_LAYOUTS = [LAYOUT_ID, MCP_LAYOUT_ID] as const;
export type EmbeddedLayoutId = (typeof EMBEDDED_LAYOUTS)[number];

/** What a model file says about itself in its `agentworld.*` metadata: its layout and the line after `<s>`. */
export interface EmbeddedModelLayout {
  readonly id: EmbeddedLayoutId;
  /** The domain its sessions come from (`terminal` or `mcp`). */
  readonly domain: string;
  /** `agentworld.system_line`: for an mcp model, `agentworld mcp SERVER\n` names the one server it knows. */
  readonly systemLine: string;
}

/**
 * Reads the layout of a model file from its `agentworld.layout` and `agentworld.system_line` metadata
 * (training/export_gguf.py writes both): the terminal layout with its one system line, or the mcp layout with a
 * one-line `agentworld mcp …` system line. Undefined for anything else.
 */
export function recognizeModelLayout(
  metadata: Readonly<Record<string, unknown>>,
): EmbeddedModelLayout | undefined {
  const layout = metadata.layout;
  const systemLine = metadata.system_line;
  if (typeof systemLine !== 'string') return undefined;
  if (layout === LAYOUT_ID) {
    return systemLine === SYSTEM_LINE ? { id: LAYOUT_ID, domain: 'terminal', systemLine } : undefined;
  }
  if (layout === MCP_LAYOUT_ID) {
    const body = systemLine.slice(0, -1);
    const oneLine = systemLine.endsWith('\n') && !body.includes('\n') && !body.includes('\r');
    const named = body === MCP_SYSTEM_PREFIX || body.startsWith(`${MCP_SYSTEM_PREFIX} `);
    return oneLine && named ? { id: MCP_LAYOUT_ID, domain: MCP_DOMAIN, systemLine } : undefined;
  }
  return undefined;
}

/** The server an mcp model's system line names (`server-memory`), or undefined when it names none. */
export function mcpModelServer(layout: EmbeddedModelLayout): string | undefined {
  const body = layout.systemLine.slice(0, -1);
  return body.startsWith(`${MCP_SYSTEM_PREFIX} `) ? body.slice(MCP_SYSTEM_PREFIX.length + 1) : undefined;
}
