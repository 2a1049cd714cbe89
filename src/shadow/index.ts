export { formatShadowReport } from './format-report.js';
export {
  type DiffLimits,
  diffKindFor,
  diffObservations,
  jsonPath,
  type ShadowDiff,
  type ShadowDiffEntry,
  type ShadowDiffKind,
} from './observation-diff.js';
export {
  buildShadowReport,
  commandFamily,
  PROGRAM_INPUT,
  type ShadowGroupStats,
  type ShadowReport,
  type ShadowReportOptions,
  type TurnPosition,
  type WorstTurn,
} from './report.js';
export { ShadowEngine, type ShadowEngineOptions } from './shadow-engine.js';
export { SHADOW_EVENT, shadowEventMessage, shadowOf } from './shadow-record.js';
export { editSimilarity } from './similarity.js';
