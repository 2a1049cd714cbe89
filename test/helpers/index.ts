export * from './errors.js';
export * from './examples.js';
export * from './fast-lwm.js';
export * from './postgres-server.js';
export * from './prompt-layout.js';
export * from './temp-store.js';
export * from './wait-for.js';
