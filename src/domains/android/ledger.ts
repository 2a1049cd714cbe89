import type { WorldSpec } from '../../core/world-spec.js';
import { type AndroidAction, isAndroidWorldAction, openedAppOf } from './actions.js';
import { type AndroidDialect, androidDialectOf, screenFormatOf } from './dialects/index.js';
import { androidInitialObservation } from './initial-state.js';
import { foregroundAppOf, parseAndroidScreen, screenBody } from './screen.js';

/**
 * What the android domain tracks: the current screen (the latest observation, shown as the next turn's state),
 * the screen before it, the foreground app, apps opened, what the agent asked to remember, its answers and
 * its final verdict. Immutable: `applyAndroidTurn` returns a new frozen ledger.
 */
export interface AndroidLedger {
  readonly dialect: AndroidDialect;
  readonly screen: string;
  readonly previousScreen: string | null;
  /**
   * Package (or name when no package is shown) of the foreground app, when the screen says; an M3A element list
   * does not, so there it is the app last opened with open_app (null again after going home).
   */
  readonly foregroundApp: string | null;
  readonly openedApps: readonly string[];
  readonly memory: ReadonlyArray<Readonly<Record<string, string>>>;
  readonly answers: readonly string[];
  /** JSONAction's goal_status: any string (AndroidWorld's agents send `complete` or `infeasible`). */
  readonly goalStatus: string | null;
  readonly turns: number;
}

function foregroundOf(screen: string, dialect: AndroidDialect): string | null {
  const app = foregroundAppOf(parseAndroidScreen(screen, screenFormatOf(dialect)));
  return app === undefined ? null : (app.packageName ?? app.name);
}

export function createAndroidLedger(spec: WorldSpec): AndroidLedger {
  const dialect = androidDialectOf(spec);
  const screen = androidInitialObservation(spec);
  return Object.freeze({
    dialect,
    screen,
    previousScreen: null,
    foregroundApp: foregroundOf(screen, dialect),
    openedApps: Object.freeze([]),
    memory: Object.freeze([]),
    answers: Object.freeze([]),
    goalStatus: null,
    turns: 0,
  });
}

export function applyAndroidTurn(
  ledger: AndroidLedger,
  action: AndroidAction,
  observation: string,
  _spec?: WorldSpec,
): AndroidLedger {
  const screen = screenBody(observation);
  const opened = openedAppOf(action);
  const remember = isAndroidWorldAction(action) ? undefined : action.remember;
  const answer = isAndroidWorldAction(action) && action.action_type === 'answer' ? action.text : undefined;
  const status =
    isAndroidWorldAction(action) && action.action_type === 'status' ? action.goal_status : undefined;
  return Object.freeze({
    dialect: ledger.dialect,
    screen,
    previousScreen: ledger.screen,
    foregroundApp:
      foregroundOf(screen, ledger.dialect) ??
      opened ??
      (isAndroidWorldAction(action) && action.action_type === 'navigate_home' ? null : ledger.foregroundApp),
    openedApps: Object.freeze(opened === undefined ? [...ledger.openedApps] : [...ledger.openedApps, opened]),
    memory: Object.freeze(
      remember === undefined ? [...ledger.memory] : [...ledger.memory, Object.freeze({ ...remember })],
    ),
    answers: Object.freeze(answer === undefined ? [...ledger.answers] : [...ledger.answers, answer]),
    goalStatus: status ?? ledger.goalStatus,
    turns: ledger.turns + 1,
  });
}

export function summarizeAndroidLedger(ledger: AndroidLedger): Record<string, unknown> {
  const parsed = parseAndroidScreen(ledger.screen, screenFormatOf(ledger.dialect));
  return {
    dialect: ledger.dialect,
    foregroundApp: ledger.foregroundApp,
    elementCount: parsed.elements.length,
    screen: ledger.screen,
    openedApps: [...ledger.openedApps],
    memory: ledger.memory.map((entry) => ({ ...entry })),
    answers: [...ledger.answers],
    goalStatus: ledger.goalStatus,
    turns: ledger.turns,
  };
}
