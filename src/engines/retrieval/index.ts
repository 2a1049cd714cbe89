export {
  cutToBytes,
  DEMONSTRATIONS_HEADING,
  type DemonstrationBlock,
  renderDemonstration,
  renderDemonstrationBlock,
  utf8Bytes,
  withDemonstrationMessages,
} from './demonstration-block.js';
export { loadTransitionIndex, type RetrievalSessions, readRetrievalSessions } from './load-index.js';
export {
  DEFAULT_MESSAGES_DEMONSTRATION_BYTES,
  DEFAULT_TERMINAL_TURNS_DEMONSTRATION_BYTES,
  MAX_RETRIEVAL_K,
  parseRetrievalOptions,
  type RetrievalOptions,
  type RetrievalOptionsInput,
  RetrievalOptionsSchema,
} from './options.js';
export {
  createRetrievalEngine,
  createRetrievalEngineFromOptions,
  type DemonstrationChannel,
  RETRIEVAL_EVENT,
  type RetrievalEngine,
  type RetrievalEngineOptions,
  type RetrievalEngineStats,
} from './retrieval-engine.js';
export {
  actionTextOf,
  queryOf,
  type RecordedTransition,
  type TransitionQuery,
  transitionsOfSession,
} from './transition.js';
export { type NearestOptions, TransitionIndex, type TransitionMatch } from './transition-index.js';
