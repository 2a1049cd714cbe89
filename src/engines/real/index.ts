export { createRealEngine, REAL_ENGINE_DOMAINS, type RealEngineOptions } from './create-real-engine.js';
export * from './mcp/index.js';
export { RealEngineByDomain } from './real-engine-by-domain.js';
export * from './sandbox/index.js';
export * from './search/index.js';
export * from './swe/index.js';
export * from './terminal/index.js';
export * from './web/index.js';
