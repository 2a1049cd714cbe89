export * from './sandbox/index.js';
export * from './swe/index.js';
export * from './terminal/index.js';
