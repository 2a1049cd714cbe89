export { compareTurn } from './compare-turn.js';
export { actionInputs, type DomainMetrics, type StructuralScore } from './domain-metrics.js';
export { DOMAIN_METRICS } from './domains/index.js';
export { judgeFreeMetrics, sessionTurnMetrics } from './judge-free.js';
export { cleanObservation, parseRowTurn, type RowTurn, responseObservation } from './row-turns.js';
export { differingFields, type StateChange, stateChangeOf } from './state-change.js';
export { rowDomain, rowTurnContext, sessionTurnContext, type TurnContext } from './turn-context.js';
export {
  DEFAULT_TURN_CONTEXT_CACHE_LIMITS,
  SHARED_TURN_CONTEXT_CACHE,
  TurnContextCache,
  type TurnContextCacheLimits,
} from './turn-context-cache.js';
