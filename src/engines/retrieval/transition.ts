import type { AnyDomain } from '../../core/domain.js';
import type { SessionRecord, Turn } from '../../core/turn.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { getDomain } from '../../domains/index.js';
import { resolveTerminalSetup } from '../../domains/terminal/index.js';
import type { LayoutTurn } from '../local/sequence-layout.js';
import { planAction, splitScreen } from '../local/terminal-turns.js';

/** Characters of the state summary kept for matching and for the demonstration block. */
const STATE_TEXT_CHARS = 400;

/** One recorded real step: the state before it, the action, and what the environment showed. */
export interface RecordedTransition {
  /** `<session id>#<turn index>`: names the demonstration in events and provenance. */
  readonly id: string;
  readonly sessionId: string;
  /** 1-based, as in the session. */
  readonly turnIndex: number;
  readonly domain: string;
  readonly dialect: string;
  readonly action: unknown;
  /** The action as text for matching: a terminal's keystrokes, another dialect's action as JSON. */
  readonly actionText: string;
  /** The tools, shell commands or GUI action types the action uses (the domain's `actionTools`). */
  readonly tools: readonly string[];
  /** The domain's ledger summary before the action (cwd, files, URL, …), as compact JSON, cut short. */
  readonly stateText: string;
  /** The action as its turn prompt shows it (fence included). */
  readonly renderedAction: string;
  readonly observation: string;
  /**
   * Terminal only: the transition in the embedded terminal model's byte layout (one turn per command), when the
   * recorded screen fits it; how the `local` engine is given the demonstration.
   */
  readonly layoutTurns?: readonly LayoutTurn[];
}

/** What a new turn is matched on: the same fields as a recorded transition's, before its observation exists. */
export interface TransitionQuery {
  readonly domain: string;
  readonly dialect: string;
  readonly actionText: string;
  readonly tools: readonly string[];
  readonly stateText: string;
}

/** A terminal action's keystrokes as typed; every other action as JSON. */
export function actionTextOf(action: unknown): string {
  if (Array.isArray(action) && action.every((entry) => typeof entry?.keystrokes === 'string')) {
    return action.map((entry: { keystrokes: string }) => entry.keystrokes).join('');
  }
  return JSON.stringify(action) ?? '';
}

function stateTextOf(domain: AnyDomain, ledger: unknown): string {
  const text = JSON.stringify(domain.summarize(ledger)) ?? '';
  return text.length <= STATE_TEXT_CHARS ? text : `${text.slice(0, STATE_TEXT_CHARS)}…`;
}

/** The domain's view of an action (undefined when the domain no longer accepts it as recorded). */
function parsed(domain: AnyDomain, action: unknown, spec: WorldSpec, ledger: unknown): unknown {
  try {
    return domain.parseAction(action, spec, ledger);
  } catch {
    return undefined;
  }
}

/** Replays the turns into the domain's ledger (turns whose action no longer parses leave it unchanged). */
function ledgerAfter(domain: AnyDomain, spec: WorldSpec, turns: readonly Turn[]): unknown {
  let ledger: unknown = domain.createLedger(spec);
  for (const turn of turns) {
    const action = parsed(domain, turn.action, spec, ledger);
    if (action !== undefined) ledger = domain.applyTurn(ledger, action, turn.observation, spec);
  }
  return ledger;
}

function toolsOf(domain: AnyDomain, action: unknown, spec: WorldSpec): string[] {
  try {
    return [...domain.actionTools(action, spec)];
  } catch {
    return [];
  }
}

/** The query for a new turn of a session: its action and the state its history leaves. */
export function queryOf(spec: WorldSpec, history: readonly Turn[], action: unknown): TransitionQuery {
  const domain = getDomain(spec.domain);
  const ledger = ledgerAfter(domain, spec, history);
  const parsedAction = parsed(domain, action, spec, ledger) ?? action;
  return {
    domain: spec.domain,
    dialect: spec.dialect ?? domain.defaultDialect,
    actionText: actionTextOf(action),
    tools: toolsOf(domain, parsedAction, spec),
    stateText: stateTextOf(domain, ledger),
  };
}

function terminalLayoutTurns(
  spec: WorldSpec,
  action: unknown,
  observation: string,
): LayoutTurn[] | undefined {
  const plan = planAction(action);
  if (plan.kind !== 'commands') return undefined;
  try {
    return splitScreen(observation, plan.commands, resolveTerminalSetup(spec));
  } catch {
    return undefined;
  }
}

function renderedActionOf(domain: AnyDomain, action: unknown, spec: WorldSpec): string {
  try {
    return domain.renderAction(action, spec);
  } catch {
    return `\`\`\`json\n${JSON.stringify(action, null, 2)}\n\`\`\``;
  }
}

/** Every turn of a recorded session as a transition (the ledger is carried from turn to turn). */
export function transitionsOfSession(record: SessionRecord): RecordedTransition[] {
  const spec = record.spec;
  const domain = getDomain(spec.domain);
  const transitions: RecordedTransition[] = [];
  let ledger: unknown = domain.createLedger(spec);
  for (const turn of record.turns) {
    const action = parsed(domain, turn.action, spec, ledger);
    const layoutTurns =
      spec.domain === 'terminal' ? terminalLayoutTurns(spec, turn.action, turn.observation) : undefined;
    transitions.push({
      id: `${record.id}#${turn.index}`,
      sessionId: record.id,
      turnIndex: turn.index,
      domain: spec.domain,
      dialect: spec.dialect ?? domain.defaultDialect,
      action: turn.action,
      actionText: actionTextOf(turn.action),
      tools: action === undefined ? [] : toolsOf(domain, action, spec),
      stateText: stateTextOf(domain, ledger),
      renderedAction: renderedActionOf(domain, action ?? turn.action, spec),
      observation: turn.observation,
      ...(layoutTurns === undefined ? {} : { layoutTurns }),
    });
    if (action !== undefined) ledger = domain.applyTurn(ledger, action, turn.observation, spec);
  }
  return transitions;
}
