export { seededUniform } from '../core/seeded-random.js';
export { type InjectionReport, injectionReport, mergeInjectionReports } from './injection-report.js';
export { perturbationContext } from './perturbation-context.js';
export { levelOf, type ResolvedRule, type RuleLevel, resolveRules } from './resolve-rules.js';
export { RuleFileSchema, readRuleFile } from './rule-file.js';
export { parsePerturbFlag } from './rule-flag.js';
export {
  type ControlledObservation,
  type Injection,
  renderControlBlock,
  SessionControl,
  SYSTEM_CONDITIONS_HEADING,
  TURN_CONTROL_HEADING,
  type TurnFacts,
} from './session-control.js';
