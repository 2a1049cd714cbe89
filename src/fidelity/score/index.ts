/** `agentworld bench score`: the reference's normalisation and aggregation, both Overalls, CIs, judge-free columns. */
export { type BootstrapOptions, bootstrapIntervals, quantile } from './bootstrap.js';
export { formatScoreReport } from './format.js';
export { summariseJudgeFree } from './judge-free.js';
export { macroTable, normalise } from './normalise.js';
export { type ReadScoreInput, readScoreInput } from './read-input.js';
export { type ScoredRow, scoredRow, turnPosition } from './rows.js';
export * from './schema.js';
export { buildScoreReport, DEFAULT_BOOTSTRAP, type ScoreInput, type ScoreOptions } from './score-report.js';
