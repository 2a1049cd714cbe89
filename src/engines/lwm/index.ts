export * from './extract.js';
export * from './limiter.js';
export * from './lwm-engine.js';
export * from './options.js';
export * from './retry.js';
export * from './seed.js';
export * from './usage.js';
