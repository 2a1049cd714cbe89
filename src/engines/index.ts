export * from './cache/index.js';
export * from './hybrid/index.js';
export * from './local/index.js';
export * from './lwm/index.js';
export * from './real/index.js';
export * from './replay/index.js';
export * from './retrieval/index.js';
export * from './routing/index.js';
