export { scoreInferLine, scoreShadowSession } from './collect.js';
export { formatFidelityReport } from './format-report.js';
export { type FidelityInputs, readFidelityInputs } from './read-inputs.js';
export {
  buildFidelityReport,
  FIDELITY_REPORT_FORMAT,
  type FidelityGroup,
  FidelityGroupSchema,
  type FidelityReport,
  type FidelityReportOptions,
  FidelityReportSchema,
  StateChangeStatsSchema,
} from './report.js';
export type { ScoredTurn } from './scored-turn.js';
