export {
  type CacheEngine,
  type CacheEngineOptions,
  type CacheMode,
  type CacheStats,
  createCacheEngine,
} from './cache-engine.js';
export { cacheKeyOf } from './cache-key.js';
export { type CachedPrediction, CachedPredictionSchema } from './cached-prediction.js';
