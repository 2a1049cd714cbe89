import type { SessionRecord, Turn } from '../../src/core/turn.js';

/** What a baseline knows when it answers one turn: the session, the turn's action and the observation before. */
export interface BaselineInput {
  readonly record: SessionRecord;
  readonly turn: Turn;
  /** The recorded observation before this turn (the session's initial observation for the first). */
  readonly previous: string;
}

/** A model-free answer to every turn, measured next to the model. */
export interface Baseline {
  /** The column heading. */
  readonly name: string;
  predict(input: BaselineInput): string;
}

/** What the bench needs to know of the domain a model simulates. */
export interface BenchDomain {
  /** What one observation is called in headings: `screens`, `results`. */
  readonly observations: string;
  /** The families only the held-out grammar extension draws (the model never saw them). */
  readonly unseenFamilies: ReadonlySet<string>;
  /** Most bytes generated for one turn when `--max-tokens` is not given. */
  readonly defaultMaxTokens: number;
  /** The row a session's turns are also counted in (e.g. the kind of shell it ran in), if any. */
  sessionGroup?(record: SessionRecord): string | undefined;
  /** The baselines for a set of sessions (some are fitted on the set itself). */
  baselines(sessions: readonly SessionRecord[]): Baseline[];
}

/** Every domain's plainest baseline: nothing changes, the observation before is the answer. */
export const copyPrevious: Baseline = {
  name: 'copy previous',
  predict: ({ previous }) => previous,
};
