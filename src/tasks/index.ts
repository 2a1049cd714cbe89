export {
  curriculumFor,
  type LoadedTask,
  loadTask,
  loadTasks,
  parseTask,
  specForEpisode,
} from './load-task.js';
export { combineScores, contextFromRecord, createScoreEpisode, scoreEpisode } from './score-episode.js';
export type { EpisodeScore, ScoreEpisode, VerifierResult, VerifyContext } from './scoring.js';
export {
  CurriculumStageSchema,
  FileContentVerifierSchema,
  FinalAnswerVerifierSchema,
  PageReachedVerifierSchema,
  RealCheckVerifierSchema,
  RubricVerifierSchema,
  type Task,
  TaskBudgetsSchema,
  type TaskInput,
  TaskSchema,
  ToolCalledVerifierSchema,
  type VerifierSpec,
  VerifierSpecSchema,
  type VerifierType,
} from './task-schema.js';
export {
  EMPTY_EPISODE_MAX_REWARD,
  expectedAnswers,
  leaksInto,
  playEpisode,
  type TaskValidation,
  type ValidateOptions,
  validateTask,
} from './validate-task.js';
export {
  answerMatches,
  exitStatusOf,
  finalLedger,
  type JudgeSettings,
  parseJudgeReply,
  rubricPrompt,
  runRealCheck,
  VERIFIERS,
  type Verifier,
  type VerifierOptions,
  verifierFor,
  verifierProblem,
} from './verifiers/index.js';
