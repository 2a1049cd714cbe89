export * from './hybrid-engine.js';
export * from './twin-conditioning.js';
export * from './twin-for-domain.js';
