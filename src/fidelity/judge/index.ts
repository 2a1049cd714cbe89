/** `agentworld bench judge`: the five-dimension LLM judge (prompts, messages, reply parser, runner). */
export { createJudgeClient, type JudgeClient, type JudgeClientOptions, type JudgeReply } from './client.js';
export { judgeLine, NO_GENERATION } from './judge-line.js';
export { fenced, fillUserTemplate, judgeBlocks, judgeMessages, removeObservationMarker } from './messages.js';
export { type JudgeReplyFailure, type ParsedJudgeReply, parseJudgeOutput } from './parse.js';
export {
  emptyJudgeTally,
  type JudgePlan,
  type JudgePlanOptions,
  type JudgeSummary,
  type JudgeTally,
  judgeSummary,
  planJudgeRun,
  tallyJudgedLine,
} from './plan-judge.js';
export {
  builtinJudgePrompts,
  JUDGE_SYSTEM_PROMPT_FILE,
  JUDGE_USER_TEMPLATE_FILE,
  type JudgePromptSet,
  loadJudgePrompts,
} from './prompt-set.js';
export { BUILTIN_JUDGE_SYSTEM_PROMPTS, BUILTIN_JUDGE_USER_TEMPLATE } from './prompts/index.js';
export {
  DEFAULT_JUDGE_BACKOFF,
  DEFAULT_JUDGE_CONCURRENCY,
  isCurrent as isCurrentJudgedLine,
  JUDGED_LINE_LOG_FORMAT,
  type JudgeRunOptions,
  predictionDomains,
  runJudge,
} from './run-judge.js';
