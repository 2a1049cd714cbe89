/** The mcp dialects: mcp (MCP tools/call over the server's tool catalog), the only one. */
export const MCP_DIALECTS = ['mcp'] as const;
