export * from './terminal/index.js';
