export * from './create-env.js';
export * from './json-schemas.js';
export * from './session.js';
export * from './session-file.js';
export * from './spec-file.js';
