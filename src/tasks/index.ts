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
