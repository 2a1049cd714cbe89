import type { CallOptions } from '../core/abort.js';
import type { SessionRecord } from '../core/turn.js';
import { getDomain } from '../domains/index.js';
import type { EpisodeScore, ScoreEpisode, VerifierResult, VerifyContext } from './scoring.js';
import type { Task } from './task-schema.js';
import { VERIFIERS, type VerifierOptions } from './verifiers/index.js';

/**
 * A `ScoreEpisode` with these settings (the rubric judge, the real engines): every verifier of the task runs in
 * order; the reward is their weighted mean and success means every one passed. A verifier that cannot be
 * evaluated (judge down, real engine missing) throws its infra error: the episode is then not scored at all.
 */
export function createScoreEpisode(settings: Omit<VerifierOptions, 'signal'> = {}): ScoreEpisode {
  return async (context: VerifyContext, options: CallOptions = {}): Promise<EpisodeScore> => {
    const results: VerifierResult[] = [];
    for (const verifier of context.task.verifiers) {
      results.push(
        await VERIFIERS[verifier.type].verify(verifier, context, { ...settings, signal: options.signal }),
      );
    }
    return combineScores(results);
  };
}

/** The weighted mean of the verifiers' scores; success when every one passed. */
export function combineScores(results: readonly VerifierResult[]): EpisodeScore {
  const total = results.reduce((sum, item) => sum + item.weight, 0);
  const reward = total === 0 ? 0 : results.reduce((sum, item) => sum + item.weight * item.score, 0) / total;
  return {
    reward: Math.round(reward * 1e9) / 1e9,
    success: results.length > 0 && results.every((item) => item.passed),
    verifiers: results,
  };
}

/** Scores with no judge configured and the default real engines. */
export const scoreEpisode: ScoreEpisode = createScoreEpisode();

/**
 * The verify context of a recorded episode: its own spec, and the final ledger summary rebuilt from its turns
 * (as `Session.fromRecord` does), for scoring sessions read back from JSONL.
 */
export function contextFromRecord(task: Task, record: SessionRecord, finalAnswer?: string): VerifyContext {
  const domain = getDomain(record.spec.domain);
  let ledger = domain.createLedger(record.spec);
  for (const turn of record.turns)
    ledger = domain.applyTurn(ledger, turn.action, turn.observation, record.spec);
  return { task, spec: record.spec, record, ledger: domain.summarize(ledger), finalAnswer };
}
