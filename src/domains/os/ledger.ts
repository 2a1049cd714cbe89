import type { WorldSpec } from '../../core/world-spec.js';
import { type DesktopPoint, parseDesktopTable } from './accessibility-table.js';
import { traceOsAction } from './action-trace.js';
import type { OsAction } from './actions.js';
import { osInitialObservation } from './setup.js';

export const OS_TYPED_HISTORY_LIMIT = 20;

/** What the os domain follows across turns. Immutable: every turn makes a new frozen ledger. */
export interface OsLedger {
  /** The desktop as it stands now (the latest observation): the next turn's `**Current State:**`. */
  readonly screen: string;
  /** Where the pointer is, when the actions so far tell it. */
  readonly pointer: DesktopPoint | null;
  /** Texts the agent typed, oldest first (the last few). */
  readonly typed: readonly string[];
  /** `done` after DONE, `failed` after FAIL. */
  readonly status: 'running' | 'done' | 'failed';
  readonly turns: number;
}

function freeze(ledger: OsLedger): OsLedger {
  Object.freeze(ledger.typed);
  if (ledger.pointer !== null) Object.freeze(ledger.pointer);
  return Object.freeze(ledger);
}

export function createOsLedger(spec: WorldSpec): OsLedger {
  return freeze({
    screen: osInitialObservation(spec),
    pointer: null,
    typed: [],
    status: 'running',
    turns: 0,
  });
}

export function applyOsTurn(ledger: OsLedger, action: OsAction, observation: string): OsLedger {
  const trace = traceOsAction(action, ledger.pointer);
  const typed =
    trace.typed === '' ? ledger.typed : [...ledger.typed, trace.typed].slice(-OS_TYPED_HISTORY_LIMIT);
  const status = trace.special === 'DONE' ? 'done' : trace.special === 'FAIL' ? 'failed' : ledger.status;
  return freeze({ screen: observation, pointer: trace.pointer, typed, status, turns: ledger.turns + 1 });
}

const WINDOW_TAGS = new Set(['frame', 'window', 'dialog', 'alert']);

/** A JSON view: status, pointer, element count and the open windows' names. */
export function summarizeOsLedger(ledger: OsLedger): Record<string, unknown> {
  const table = parseDesktopTable(ledger.screen);
  const windows = table.nodes
    .filter((node) => WINDOW_TAGS.has(node.tag) && node.name.trim() !== '')
    .map((node) => node.name)
    .slice(0, 20);
  return {
    turns: ledger.turns,
    status: ledger.status,
    pointer: ledger.pointer,
    elements: table.nodes.length,
    windows,
    typed: ledger.typed,
  };
}
