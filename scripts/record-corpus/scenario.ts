/**
 * An action the scripted agent decides when its turn comes, from what it sees (the last observation): how it
 * clicks a link whose element id (a BrowserGym bid, a playwright-mcp ref) the page assigns at run time, or opens a
 * URL a search returned.
 */
export interface ReactiveAction {
  readonly react: (view: AgentView) => unknown;
}

/** What a scripted agent may look at before it acts: the last observation and the session's ledger summary. */
export interface AgentView {
  readonly observation: string;
  readonly ledger: Record<string, unknown>;
}

export function isReactiveAction(action: unknown): action is ReactiveAction {
  return (
    typeof action === 'object' && action !== null && typeof (action as ReactiveAction).react === 'function'
  );
}

/** One session a scripted agent plays: the world it runs in, a title for people and its actions in order. */
export interface CorpusScenario {
  /** Unique within the corpus; becomes the session id. */
  readonly id: string;
  /** The task family (e.g. `git`, `offline-packages`), kept in the record's labels for reports and splits. */
  readonly family: string;
  /** The task the agent is given (written into the spec). */
  readonly task: string;
  /** Fixed actions, or reactive ones decided from the last observation. */
  readonly actions: readonly unknown[];
}
