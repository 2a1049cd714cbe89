export {
  buildCompareReport,
  COMPARE_REPORT_FORMAT,
  type CompareReport,
  type CompareReportInput,
  CompareReportSchema,
  type PolicyEpisodes,
  SIDES,
  type Side,
  type SideSummary,
  type TaskRow,
} from './agreement-report.js';
export { formatCompareReport } from './format-report.js';
export { type KendallTau, kendallTauB, rankByScore } from './kendall-tau.js';
export {
  type ChatPolicyDefaults,
  type ComparePolicy,
  POLICY_VALUE_HELP,
  parseRoster,
  parseRosterEntry,
  policyOfEntry,
  type RosterEntry,
  RosterEntrySchema,
  solutionLookup,
} from './policy-roster.js';
export {
  REPLAY_POLICY_ID,
  type ReplayInRealOptions,
  type ReplayInRealReport,
  replayedActionsOf,
  replayInReal,
} from './replay-in-real.js';
export { COMPARE_REPORT_FILE, type CompareOptions, compareOutPath, runCompare } from './run-compare.js';
