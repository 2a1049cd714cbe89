/**
 * AgentWorld: language world models as controllable environments for AI agents.
 *
 * The library surface: `createEnv(spec, { engine })` gives a Session with `reset`, `step`, `fork` and `close`;
 * engines produce observations (`createLwmEngine`, `createReplayEngine`, `createCacheEngine`); domains define
 * each environment's dialect, prompt, ledger and checks.
 */
export { type InjectionReport, injectionReport, mergeInjectionReports } from './control/index.js';
export * from './core/index.js';
export * from './corpus/index.js';
export * from './domains/index.js';
export * from './engines/index.js';
export * from './fidelity/index.js';
export {
  AdapterConversation,
  agentAdapterFor,
  noopPolicyFactory,
  OpenAiChatPolicy,
  openAiChatPolicyFactory,
  type Policy,
  type PolicyDecision,
  type PolicyFactory,
  type PolicyTurn,
  ScriptedPolicy,
  SolutionPolicy,
  scriptedPolicyFactory,
} from './policies/index.js';
export {
  AtifTrajectorySchema,
  type BatchOptions,
  type BatchReport,
  type Blame,
  type CompareOptions,
  CompareReportSchema,
  EpisodeLineSchema,
  kendallTauB,
  OpenAiTrajectorySchema,
  readEpisodeLog,
  runBatch,
  runCompare,
  runEpisode,
  runGroup,
  toAtifJson,
  toOpenAiJsonl,
} from './rollout/index.js';
export * from './session/index.js';
// Both the shadow report and the bench score name turn positions; the shadow report's is the package's.
export type { TurnPosition } from './shadow/index.js';
export * from './shadow/index.js';
export * from './store/index.js';
export * from './tasks/index.js';
export * from './twins/index.js';
export * from './worlds/index.js';
