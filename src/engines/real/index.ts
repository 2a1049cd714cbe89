export * from './sandbox/index.js';
export * from './terminal/index.js';
