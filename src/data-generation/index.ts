export * from './mcp/index.js';
export * from './terminal/index.js';
