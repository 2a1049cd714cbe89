export * from './clock.js';
export * from './named-spec.js';
export * from './owner.js';
export * from './session-leases.js';
export * from './session-manager.js';
export * from './session-repository.js';
export type { SharedValuesLimits } from './shared-values.js';
