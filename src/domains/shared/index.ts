export * from './action-tools.js';
export * from './common-checks.js';
export * from './demonstrations.js';
export * from './success-claim-check.js';
export * from './system-prompt.js';
