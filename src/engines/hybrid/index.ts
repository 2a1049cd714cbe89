export * from './hybrid-engine.js';
export * from './twin-conditioning.js';
