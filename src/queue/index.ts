/**
 * Jobs on Redis with BullMQ: bench rows (infer, judge) and rollout groups run as jobs that `agentworld worker`
 * processes on any number of machines take, each item's result stored exactly once (see src/store/item-results.ts).
 */
export { type FollowOptions, type FollowProgress, type FollowResult, followRun } from './follow-run.js';
export { createAnswererFromSettings } from './infer-answerer.js';
export { runBenchInferJob } from './infer-job.js';
export { type ItemOutcome, type ItemTarget, runItemOnce } from './item-once.js';
export type { JobContext } from './job-context.js';
export { itemKeyOf, jobIdOf, runIdOf, runIdOfJobId } from './job-ids.js';
export { JOB_ATTEMPTS, JOB_BACKOFF_MS, jobOptions } from './job-options.js';
export { JobResources } from './job-resources.js';
export {
  type BenchInferJob,
  BenchInferJobSchema,
  type BenchJudgeJob,
  BenchJudgeJobSchema,
  type InferEngineSettings,
  InferEngineSettingsSchema,
  JOB_KINDS,
  type JobKind,
  type JobPayload,
  JobPayloadSchema,
  type RolloutGroupJob,
  RolloutGroupJobSchema,
  type RolloutPolicySettings,
} from './job-schemas.js';
export { runBenchJudgeJob } from './judge-job.js';
export { QUEUE_NAME, QUEUE_PREFIX } from './queue-names.js';
export { type QueuedInferOptions, type QueuedInferSummary, runQueuedInfer } from './queued-infer.js';
export { type QueuedJudgeOptions, type QueuedJudgeSummary, runQueuedJudge } from './queued-judge.js';
export { type QueuedRolloutOptions, type QueuedRolloutReport, runQueuedRollout } from './queued-rollout.js';
export {
  appendFollowedResults,
  type EnqueueAndFollowOptions,
  enqueueAndFollow,
  logFailedJobs,
  type QueuedBenchOptions,
  type QueuedRunOutcome,
  type QueuedRunProgress,
  storedLine,
} from './queued-run.js';
export {
  checkQueueReachable,
  openDurableRedis,
  queueUnavailable,
  reconnectDelay,
  redactQueueUrl,
  requireQueueUrl,
} from './redis-connection.js';
export { runRolloutGroupJob } from './rollout-job.js';
export { type FailedJob, type JobToAdd, type RunJobCounts, RunQueue } from './run-queue.js';
export { parseJobPayload, type QueueWorker, type QueueWorkerOptions, startQueueWorker } from './worker.js';
