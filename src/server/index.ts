export * from './http/index.js';
export * from './sessions/index.js';
