import type { CheckContext } from '../../core/domain.js';
import type { CheckResult } from '../../core/turn.js';
import { nonEmptyCheck, scaffoldingCheck } from '../shared/index.js';
import { actionTexts, specKnownTexts, successClaimCheck } from '../shared/success-claim-check.js';
import {
  DESKTOP_TABLE_COLUMNS,
  type DesktopNode,
  type DesktopTable,
  looksLikeDesktopTable,
  nodesAt,
  parseDesktopTable,
} from './accessibility-table.js';
import { type OsActionTrace, traceOsAction } from './action-trace.js';
import type { OsAction } from './actions.js';
import type { OsLedger } from './ledger.js';
import { readOsInitialData } from './setup.js';
import { diffDesktopTables } from './table-diff.js';

type OsCheckContext = CheckContext<OsAction, OsLedger>;

interface Facts {
  readonly context: OsCheckContext;
  readonly trace: OsActionTrace;
  readonly before: DesktopTable;
  readonly after: DesktopTable;
  /** The world uses the table at all (the state before this turn is one). */
  readonly tabular: boolean;
  readonly screen: { readonly width: number; readonly height: number };
}

const skip = (id: string, message: string): CheckResult => ({ id, status: 'skip', message });
const pass = (id: string): CheckResult => ({ id, status: 'pass' });
const fail = (id: string, message: string): CheckResult => ({ id, status: 'fail', message });

/** The observation starts with the table header, as every state of the world does. */
function headerCheck(facts: Facts): CheckResult {
  const id = 'table-header';
  if (!facts.tabular) return skip(id, 'the world state is not an accessibility table');
  if (facts.after.hasHeader) return pass(id);
  return fail(id, 'the observation does not start with the accessibility table header');
}

/** Every row has the seven columns, with `(x, y)` positions and `(w, h)` sizes. */
function columnsCheck(facts: Facts): CheckResult {
  const id = 'table-columns';
  if (!facts.tabular) return skip(id, 'the world state is not an accessibility table');
  const problem = facts.after.problems.find((item) => !item.message.startsWith('the first line'));
  if (problem === undefined) return pass(id);
  return fail(
    id,
    `line ${problem.line}: ${problem.message} (${DESKTOP_TABLE_COLUMNS.length} columns per row)`,
  );
}

function describeNode(node: DesktopNode): string {
  return `${node.tag}${node.name === '' ? '' : ` "${node.name}"`}`;
}

/**
 * The points an action clicks or drags to lie on the screen (fail otherwise) and inside some element of the
 * state the action was taken on. A click on no listed element is only a warning (skip): the table does not
 * list every pixel of the desktop.
 */
function clickTargetCheck(facts: Facts): CheckResult {
  const id = 'click-target';
  const points = facts.trace.events.filter((event) => event.kind === 'click' || event.kind === 'drag');
  if (points.length === 0) return skip(id, 'the action clicks nothing');
  const known = points.flatMap((event) => (event.point === null ? [] : [event.point]));
  if (known.length === 0) return skip(id, 'the pointer position is not known');
  const { width, height } = facts.screen;
  const off = known.find((point) => point.x < 0 || point.y < 0 || point.x >= width || point.y >= height);
  if (off !== undefined) {
    return fail(id, `the action clicks (${off.x}, ${off.y}), outside the ${width}x${height} screen`);
  }
  if (!facts.tabular || facts.before.nodes.length === 0) return skip(id, 'the state lists no elements');
  const missed = known.find((point) => nodesAt(facts.before.nodes, point).length === 0);
  if (missed !== undefined) {
    return skip(id, `warning: (${missed.x}, ${missed.y}) is inside no element of the current state`);
  }
  return pass(id);
}

const INTERACTIVE_TAGS = new Set([
  'push-button',
  'button',
  'toggle-button',
  'menu-item',
  'menu',
  'check-menu-item',
  'radio-menu-item',
  'page-tab',
  'link',
  'check-box',
  'radio-button',
  'combo-box',
  'list-item',
  'tree-item',
  'icon',
]);

const EDITABLE_TAGS = new Set([
  'entry',
  'text',
  'paragraph',
  'terminal',
  'document-text',
  'spin-button',
  'password-text',
]);

/** Why the action must visibly change the screen, or undefined when it may leave it as it was. */
function expectedChange(facts: Facts): string | undefined {
  for (const event of facts.trace.events) {
    if (event.kind !== 'click' || event.point === null) continue;
    const target = nodesAt(facts.before.nodes, event.point).find((node) => INTERACTIVE_TAGS.has(node.tag));
    if (target !== undefined) return `it clicks the ${describeNode(target)}`;
  }
  const typed = facts.trace.typed.trim();
  if (typed !== '' && facts.before.nodes.some((node) => EDITABLE_TAGS.has(node.tag))) {
    return 'it types text into a desktop with an editable field';
  }
  return undefined;
}

/** A prediction identical to the state before an action that must change the screen is a copied, stale state. */
function staleStateCheck(facts: Facts): CheckResult {
  const id = 'stale-state';
  if (!facts.tabular) return skip(id, 'the world state is not an accessibility table');
  if (facts.trace.special !== undefined) return skip(id, `${facts.trace.special} does not act on the screen`);
  const reason = expectedChange(facts);
  if (reason === undefined) return skip(id, 'the action may leave the screen unchanged');
  const before = facts.context.ledger.screen.trim();
  const after = facts.context.observation.trim();
  if (before !== after && !diffDesktopTables(facts.before, facts.after).identical) return pass(id);
  return fail(id, `the predicted state is identical to the state before the action, but ${reason}`);
}

const OS_CHECKS: ReadonlyArray<readonly [string, (facts: Facts) => CheckResult]> = [
  ['table-header', headerCheck],
  ['table-columns', columnsCheck],
  ['click-target', clickTargetCheck],
  ['stale-state', staleStateCheck],
];

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `success-claim` (shared): the action's text must not talk the screen into a success token. */
function successClaim(context: OsCheckContext): CheckResult {
  return successClaimCheck({
    actionTexts: actionTexts(context.action),
    observation: context.observation,
    knownTexts: [...specKnownTexts(context.spec), context.ledger.screen],
  });
}

/** The os domain's deterministic checks on one observation; they never throw (a check that cannot run skips). */
export function checkOsObservation(context: OsCheckContext): CheckResult[] {
  const results: CheckResult[] = [scaffoldingCheck(context.observation), nonEmptyCheck(context.observation)];
  let facts: Facts;
  try {
    facts = {
      context,
      trace: traceOsAction(context.action, context.ledger.pointer),
      before: parseDesktopTable(context.ledger.screen),
      after: parseDesktopTable(context.observation),
      tabular: looksLikeDesktopTable(context.ledger.screen),
      screen: readOsInitialData(context.spec).screen,
    };
  } catch (error) {
    for (const [id] of OS_CHECKS) results.push(skip(id, `check could not run: ${describeError(error)}`));
    results.push(successClaim(context));
    return results;
  }
  for (const [id, check] of OS_CHECKS) {
    try {
      results.push(check(facts));
    } catch (error) {
      results.push(skip(id, `check could not run: ${describeError(error)}`));
    }
  }
  results.push(successClaim(context));
  return results;
}
