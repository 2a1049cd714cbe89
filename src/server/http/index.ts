export * from './app.js';
export * from './auth.js';
export * from './metrics.js';
export * from './server.js';
export * from './wire-schemas.js';
