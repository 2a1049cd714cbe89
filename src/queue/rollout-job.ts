/**
 * A rollout group as a job: the same Group as `runBatch` (one reset, members forked from it), each member still
 * without a result run and its episode line stored once.
 */
import type { Engine } from '../core/engine.js';
import { AgentWorldError } from '../core/errors.js';
import type { PolicyFactory } from '../policies/policy.js';
import type { LoadedTask } from '../rollout/types.js';
import { type ItemOutcome, retryWhileAttemptsLeft, runItemOnce } from './item-once.js';
import type { JobContext } from './job-context.js';
import type { RolloutGroupJob } from './job-schemas.js';

async function engineOf(job: RolloutGroupJob, loaded: LoadedTask, context: JobContext): Promise<Engine> {
  return await context.resources.engine({ flags: job.engine, domain: loaded.spec.domain }, async () => {
    const { createEngineFromFlags } = await import('../cli/engine-factory.js');
    return await createEngineFromFlags(job.engine, { spec: loaded.spec });
  });
}

async function policyOf(
  job: RolloutGroupJob,
  loaded: LoadedTask,
  context: JobContext,
): Promise<PolicyFactory> {
  if (job.policy.kind === 'solution') {
    const { policyOfEntry } = await import('../rollout/compare/index.js');
    return policyOfEntry({ id: 'solution', kind: 'solution' }, [loaded]).factory;
  }
  const { openAiChatPolicyFactory } = await import('../policies/index.js');
  const apiKey = context.resources.environmentVariables.AGENTWORLD_POLICY_API_KEY;
  return openAiChatPolicyFactory({
    baseUrl: job.policy.baseUrl,
    model: job.policy.model,
    ...(apiKey ? { apiKey } : {}),
    sampling: {
      ...(job.policy.temperature === undefined ? {} : { temperature: job.policy.temperature }),
      ...(job.policy.maxTokens === undefined ? {} : { maxTokens: job.policy.maxTokens }),
    },
  });
}

export async function runRolloutGroupJob(job: RolloutGroupJob, context: JobContext): Promise<ItemOutcome[]> {
  const loaded: LoadedTask = { task: job.task, spec: job.spec };
  const { Group } = await import('../rollout/index.js');
  const { createScoreEpisode } = await import('../tasks/score-episode.js');
  const judgeApiKey = context.resources.environmentVariables.AGENTWORLD_JUDGE_API_KEY;
  const group = new Group({
    loaded,
    engine: await engineOf(job, loaded, context),
    policyFactory: await policyOf(job, loaded, context),
    score: createScoreEpisode({
      judge:
        job.judge === undefined
          ? undefined
          : { baseURL: job.judge.baseURL, model: job.judge.model, apiKey: judgeApiKey },
    }),
    episodeIndex: job.episodeIndex,
    seed: job.seed,
    groupSize: job.groupSize,
    budgets: job.budgets,
    maxInfraRetries: job.maxInfraRetries,
    episodeTimeoutMs: job.episodeTimeoutMs,
  });
  try {
    return await Promise.all(
      job.members.map(({ member, itemKey, position }) =>
        runItemOnce(
          context.store,
          { runId: job.runId, itemKey, kind: 'rollout-episode', position },
          async () => {
            const line = await group.runMember(member, { signal: context.signal });
            if (context.signal.aborted)
              throw new AgentWorldError('ABORTED', 'The worker stopped during the episode.');
            // An infrastructure failure is never scored; while attempts are left the queue retries the group.
            retryWhileAttemptsLeft(
              line.blame === 'infrastructure'
                ? {
                    code: line.error?.code ?? 'INFRASTRUCTURE',
                    message: line.error?.message ?? 'infrastructure failure',
                  }
                : undefined,
              true,
              context.lastAttempt,
            );
            return line;
          },
          { signal: context.signal, writtenBy: context.writtenBy },
        ),
      ),
    );
  } finally {
    await group.close();
  }
}
