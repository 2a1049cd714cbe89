export { type AnsweredRow, answerRow, type RetryPolicy, RowFailure } from './answer-row.js';
export type { BenchMessage, RawGeneration, RowAnswerer, TokenLogprob } from './answerer.js';
export { generationConfidence, observationSpan } from './confidence.js';
export { estimatePromptTokens } from './context-guard.js';
export { createHybridAnswerer, type HybridAnswererOptions } from './hybrid-answerer.js';
export { answeredLine, failedLine } from './infer-line.js';
export { createLocalAnswerer, type LocalAnswererOptions } from './local-answerer.js';
export { createOpenAiAnswerer, type OpenAiAnswererOptions, refusedParameter } from './openai-answerer.js';
export {
  type InferPlan,
  type InferPlanOptions,
  type PlannedInferRow,
  planInferRow,
  planInferRun,
} from './plan-infer.js';
export { createRowProgress, type RowProgress } from './progress.js';
export { createReplayAnswerer } from './replay-answerer.js';
export {
  planRowSession,
  predictRowTurn,
  type RowSessionPlan,
  rowSeed,
  unsupportedRow,
} from './row-session.js';
export {
  DEFAULT_INFER_CONCURRENCY,
  INFER_LINE_LOG_FORMAT,
  type InferRowOptions,
  type InferRunOptions,
  type InferSummary,
  inferRowLine,
  isFinal as isFinalInferLine,
  runInfer,
} from './run-infer.js';
export { createSessionEngineAnswerer, type SessionEngineAnswererOptions } from './session-engine-answerer.js';
