export { connectHttpMcpServer } from './http-connection.js';
export { type McpCallOutcome, McpServerEngine, type McpServerEngineOptions } from './mcp-server-engine.js';
export { createRealMcpEngine, RealMcpEngine, type RealMcpEngineOptions } from './real-mcp-engine.js';
export {
  KNOWN_MCP_SERVERS,
  type KnownMcpServer,
  parseRealMcpServer,
  type RealMcpServer,
  sessionServerFor,
} from './real-mcp-server.js';
