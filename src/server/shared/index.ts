export * from './json-content-type.js';
export * from './loopback.js';
export * from './loopback-request.js';
