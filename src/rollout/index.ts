export {
  type BatchOutput,
  checkDistinctTasks,
  checkedGroupSize,
  openBatchOutput,
  outputOutcome,
} from './batch-output.js';
export {
  type BlameCounts,
  blameScoredEpisode,
  countBlame,
  emptyBlameCounts,
  InfrastructureFailure,
  isAgentActionError,
} from './blame.js';
export * from './compare/index.js';
export { EpisodeLog, readEpisodeLog } from './episode-log.js';
export { resolveBudgets, specForEpisode } from './episode-spec.js';
export { type BatchEvent, type BatchOptions, type BatchReport, groupSeed, runBatch } from './run-batch.js';
export { groupIdOf, NO_ACTION_ERROR, type RunEpisodeOptions, runEpisode } from './run-episode.js';
export {
  forkMember,
  Group,
  type GroupOptions,
  type GroupResult,
  groupWarnings,
  memberSeed,
  runGroup,
} from './run-group.js';
export {
  ATIF_SCHEMA_VERSION,
  type AtifTrajectory,
  AtifTrajectorySchema,
  isScored,
  type OpenAiTrajectory,
  OpenAiTrajectorySchema,
  toAtifJson,
  toAtifTrajectory,
  toOpenAiJsonl,
  toOpenAiTrajectory,
} from './trajectory-formats.js';
export {
  type Blame,
  BlameSchema,
  type Clock,
  type DecisionRecord,
  EPISODE_FORMAT,
  type EpisodeBudgets,
  type EpisodeLine,
  EpisodeLineSchema,
  episodeKey,
  type LoadedTask,
  type ResolvedBudgets,
} from './types.js';
