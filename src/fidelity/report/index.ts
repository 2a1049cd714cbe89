/** `agentworld bench report`: one self-contained HTML page from infer, judged and turing files. */
export {
  type AggregateOptions,
  aggregate,
  type DomainSummary,
  type DriftPoint,
  type ReportNumbers,
  type WorstRow,
} from './aggregate.js';
export { diffTable } from './diff-view.js';
export { escapeHtml } from './escape.js';
export { type ReportInputs, readReportInputs } from './read-inputs.js';
export { CONTENT_SECURITY_POLICY, type PageInput, renderReportPage } from './render-page.js';
export { type ReportOptions, type ReportResult, writeReport } from './write-report.js';
