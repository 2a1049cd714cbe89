/** Fidelity, measured: AgentWorldBench rows answered by any engine, judged, scored, and judge-free metrics. */

export * from './infer/index.js';
export * from './judge/index.js';
export {
  auroc,
  CORRECTNESS_LABELS,
  type ConfidenceLine,
  type ConfidenceReport,
  ConfidenceReportSchema,
  type CorrectnessLabel,
  type CorrectnessOptions,
  confidenceReport,
  isCorrect,
} from './metrics/confidence.js';
export * from './metrics/index.js';
export * from './report/index.js';
export * from './rows/index.js';
export * from './run/index.js';
export * from './schemas.js';
export * from './score/index.js';
export * from './shadow/index.js';
export * from './turing/index.js';
