import type { CallOptions } from '../core/abort.js';
import type { Engine } from '../core/engine.js';
import { isAgentWorldError, toAgentWorldError } from '../core/errors.js';
import type { SessionRecord } from '../core/turn.js';
import type { WorldSpec } from '../core/world-spec.js';
import { withoutFileTimes } from '../engines/real/web/real-playwright-mcp-engine.js';
import { createEnv } from '../session/create-env.js';
import { type LoadedTask, specForEpisode } from './load-task.js';
import { createScoreEpisode } from './score-episode.js';
import type { EpisodeScore } from './scoring.js';
import type { VerifierOptions } from './verifiers/index.js';

/** Highest reward the empty episode may get for the task to count as discriminating. */
export const EMPTY_EPISODE_MAX_REWARD = 0.5;

export interface TaskValidation {
  readonly id: string;
  readonly file: string;
  readonly passed: boolean;
  /** Why it failed (empty when it passed). */
  readonly failures: readonly string[];
  /** What a maintainer should know but does not fail the task (a real engine that is not deterministic). */
  readonly warnings: readonly string[];
  readonly solutionReward?: number | undefined;
  readonly emptyReward?: number | undefined;
  readonly solution?: EpisodeScore | undefined;
  readonly empty?: EpisodeScore | undefined;
}

export interface ValidateOptions extends CallOptions {
  /** A fresh engine for one episode (closed after it). */
  readonly createEngine: (spec: WorldSpec) => Promise<Engine>;
  /** Settings of the verifiers (judge, real engines). */
  readonly verifiers?: Omit<VerifierOptions, 'signal'> | undefined;
  /** Seed of the episodes (default: the spec's seed, else 0). */
  readonly seed?: number | undefined;
}

/** Plays actions in a fresh session of the task's world; the finished record and final ledger summary. */
export async function playEpisode(
  loaded: LoadedTask,
  actions: readonly unknown[],
  seed: number,
  options: ValidateOptions,
): Promise<{ record: SessionRecord; ledger: Record<string, unknown> }> {
  const spec = specForEpisode(loaded, 0);
  const engine = await options.createEngine(spec);
  try {
    const session = await createEnv(spec, { engine, signal: options.signal });
    try {
      await session.reset({ seed, signal: options.signal });
      for (const action of actions) await session.step(action, { signal: options.signal });
      return { record: session.toRecord(), ledger: session.ledgerSummary() };
    } finally {
      await session.close();
    }
  } finally {
    await engine.close().catch(() => undefined);
  }
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The answers a task's verifiers expect that must not appear in what the agent is shown at the start. */
export function expectedAnswers(loaded: LoadedTask): string[] {
  const answers: string[] = [];
  for (const verifier of loaded.task.verifiers) {
    if (verifier.type === 'final-answer' && verifier.match !== 'regex') answers.push(verifier.expected);
    if (verifier.type === 'file-content') {
      if (verifier.equals !== undefined) answers.push(verifier.equals);
      if (verifier.contains !== undefined) answers.push(verifier.contains);
    }
    if (verifier.type === 'page-reached' && verifier.url !== undefined) answers.push(verifier.url);
  }
  return answers.map((answer) => answer.trim()).filter((answer) => answer !== '');
}

/** Where an expected answer shows in a text, as a whole word or phrase (case-insensitive). */
export function leaksInto(answer: string, text: string): boolean {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])${escapeRegex(answer)}(?![\\p{L}\\p{N}_])`, 'iu');
  return pattern.test(text);
}

/** Observations of a record without what differs between two honest runs of the same episode (timing). */
/** The episode's observations, less what a real tool stamps with the time (@playwright/mcp's snapshot file names). */
function observationsOf(record: SessionRecord): string[] {
  return [record.initialObservation, ...record.turns.map((turn) => turn.observation)].map(withoutFileTimes);
}

function firstDifference(a: readonly string[], b: readonly string[]): number | undefined {
  for (let index = 0; index < Math.max(a.length, b.length); index++) if (a[index] !== b[index]) return index;
  return undefined;
}

const reasonOf = (error: unknown): string => {
  const known = toAgentWorldError(error);
  return `${known.code}: ${known.message}`;
};

/**
 * Checks a task the way a careful maintainer would: (a) its known solution, played in a session, gets the
 * maximum reward (1); (b) the empty episode (no action) gets at most 0.5; (c) no verifier's expected answer
 * appears in the instruction or the first observation; (d) the solution played again with the same seed shows
 * the same observations (a real engine that differs gives a warning, a simulator a failure).
 */
export async function validateTask(loaded: LoadedTask, options: ValidateOptions): Promise<TaskValidation> {
  const { task } = loaded;
  const failures: string[] = [];
  const warnings: string[] = [];
  const seed = options.seed ?? loaded.spec.seed ?? 0;
  const score = createScoreEpisode(options.verifiers ?? {});
  const call = { signal: options.signal };

  // (c) the answer does not leak into the instruction (the first observation is checked with the empty episode).
  for (const answer of expectedAnswers(loaded)) {
    if (leaksInto(answer, task.instruction)) {
      failures.push(`the expected answer ${JSON.stringify(answer)} appears in the instruction`);
    }
  }

  // (b) doing nothing scores clearly lower.
  let empty: EpisodeScore | undefined;
  try {
    const played = await playEpisode(loaded, [], seed, options);
    for (const answer of expectedAnswers(loaded)) {
      if (leaksInto(answer, played.record.initialObservation)) {
        failures.push(`the expected answer ${JSON.stringify(answer)} appears in the first observation`);
      }
    }
    empty = await score(
      { task, spec: played.record.spec, record: played.record, ledger: played.ledger },
      call,
    );
    if (empty.reward > EMPTY_EPISODE_MAX_REWARD) {
      failures.push(`doing nothing scores ${empty.reward} (more than ${EMPTY_EPISODE_MAX_REWARD})`);
    }
  } catch (error) {
    if (isAgentWorldError(error, 'ABORTED')) throw error;
    failures.push(`the empty episode could not be scored: ${reasonOf(error)}`);
  }

  // (a) the known solution reaches the maximum reward; (d) it plays the same way twice.
  let solution: EpisodeScore | undefined;
  if (task.solution === undefined) {
    failures.push('no known solution: add "solution" (the actions a competent agent sends)');
  } else {
    try {
      const first = await playEpisode(loaded, task.solution, seed, options);
      const context = {
        task,
        spec: first.record.spec,
        record: first.record,
        ledger: first.ledger,
        finalAnswer: task.solutionAnswer,
      };
      solution = await score(context, call);
      if (solution.reward < 1) {
        const missed = solution.verifiers.filter((verifier) => !verifier.passed);
        failures.push(
          `the solution scores ${solution.reward}, not 1: ${missed.map((verifier) => `${verifier.type}: ${verifier.detail}`).join('; ')}`,
        );
      }
      const second = await playEpisode(loaded, task.solution, seed, options);
      const index = firstDifference(observationsOf(first.record), observationsOf(second.record));
      if (index !== undefined) {
        const real = first.record.turns.some((turn) => turn.provenance.source === 'real');
        const message = `the same seed gave a different ${index === 0 ? 'first observation' : `observation at turn ${index}`}`;
        if (real) warnings.push(`${message} (the real engine is not deterministic for this task)`);
        else failures.push(message);
      }
    } catch (error) {
      if (isAgentWorldError(error, 'ABORTED')) throw error;
      failures.push(`the solution could not be played or scored: ${reasonOf(error)}`);
    }
  }

  return {
    id: task.id,
    file: loaded.source,
    passed: failures.length === 0,
    failures,
    warnings,
    solutionReward: solution?.reward,
    emptyReward: empty?.reward,
    solution,
    empty,
  };
}
