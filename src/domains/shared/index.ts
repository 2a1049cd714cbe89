export * from './common-checks.js';
export * from './system-prompt.js';
