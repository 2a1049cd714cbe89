export {
  createRoutingEngine,
  type EngineRoute,
  isRoutingEngine,
  type RoutingEngine,
  type RoutingEngineOptions,
} from './routing-engine.js';
