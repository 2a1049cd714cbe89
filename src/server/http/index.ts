export * from './app.js';
export * from './auth.js';
export * from './metrics.js';
export * from './server.js';
export { MAX_QUEUED_MESSAGES } from './websocket-connection.js';
export * from './websocket-sessions.js';
export * from './websocket-wire-schemas.js';
export * from './wire-answers.js';
export * from './wire-schemas.js';
