export * from './http/index.js';
export * from './mcp/index.js';
export * from './sessions/index.js';
export * from './shared/index.js';
export * from './tasks/index.js';
