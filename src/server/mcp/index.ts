export { hasBearerKey } from './http-auth.js';
export {
  DEFAULT_MCP_HTTP_HOST,
  DEFAULT_MCP_HTTP_PATH,
  type McpHttpServer,
  type StartMcpHttpServerOptions,
  startMcpHttpServer,
} from './http-server.js';
export { JsonRpcErrorReply, toJsonRpcError } from './json-rpc-errors.js';
export { mirrorSpec } from './mirror-spec.js';
export {
  type OpenSimulatedConnectionOptions,
  openSimulatedConnection,
  type SimulatedConnection,
} from './simulated-connection.js';
export {
  MCP_SURFACE_DOMAINS,
  type McpSurfaceDomain,
  type PrepareSimulatedWorldOptions,
  prepareSimulatedWorld,
  type SimulatedWorld,
} from './simulated-world.js';
export { type ServeMcpStdioOptions, serveMcpOverStdio } from './stdio-server.js';
export { toolErrorResultOf } from './tool-error-result.js';
