/** One session a scripted agent plays: the world it runs in, a title for people and its actions in order. */
export interface CorpusScenario {
  /** Unique within the corpus; becomes the session id. */
  readonly id: string;
  /** The task family (e.g. `git`, `offline-packages`), kept in the record's labels for reports and splits. */
  readonly family: string;
  /** The task the agent is given (written into the spec). */
  readonly task: string;
  readonly actions: readonly unknown[];
}
