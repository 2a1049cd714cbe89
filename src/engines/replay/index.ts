export {
  createReplayEngine,
  type ReplayEngine,
  type ReplayEngineOptions,
  type ReplayStats,
} from './replay-engine.js';
export type { SpecMatch } from './spec-key.js';
