import type { CheckContext } from '../../core/domain.js';
import type { CheckResult } from '../../core/turn.js';
import { nonEmptyCheck, scaffoldingCheck } from '../shared/index.js';
import { actionTexts, specKnownTexts, successClaimCheck } from '../shared/success-claim-check.js';
import { type AndroidAction, androidActionKind, openedAppOf, targetIndexOf } from './actions.js';
import { foregroundIsApp, isLauncher, screenShowsApp } from './app-match.js';
import { screenFormatOf } from './dialects/index.js';
import type { AndroidLedger } from './ledger.js';
import {
  type AndroidElement,
  type AndroidScreen,
  elementAt,
  parseAndroidScreen,
  screenBody,
} from './screen.js';
import { diffAndroidScreens } from './screen-diff.js';

export type AndroidCheckContext = CheckContext<AndroidAction, AndroidLedger>;

interface Facts {
  readonly context: AndroidCheckContext;
  readonly before: AndroidScreen;
  readonly after: AndroidScreen;
}

const pass = (id: string): CheckResult => ({ id, status: 'pass' });
const skip = (id: string, message: string): CheckResult => ({ id, status: 'skip', message });
const fail = (id: string, message: string): CheckResult => ({ id, status: 'fail', message });

const FAILURE_SIGN = /not (?:found|installed)|isn't installed|can't|cannot|couldn't|unable|no app/i;

/** `index-exists`: the element the action targets is on the screen it acted on. */
export function indexExistsCheck(facts: Facts): CheckResult {
  const id = 'index-exists';
  const index = targetIndexOf(facts.context.action);
  if (index === undefined) return skip(id, 'the action targets no index');
  if (facts.before.elements.length === 0) return skip(id, 'the current screen lists no elements');
  if (elementAt(facts.before, index) !== undefined) return pass(id);
  return fail(id, `the action targets index ${index}, which the current screen does not have`);
}

/** `screen-format`: the observation keeps the dialect's screen representation. */
export function screenFormatCheck(facts: Facts): CheckResult {
  const id = 'screen-format';
  const { after } = facts;
  if (after.elements.length === 0) {
    return fail(
      id,
      after.format === 'element-list'
        ? 'no line has the element-list form \'UI element i: {"index": i, …, "is_checked": False}\''
        : 'no line has the clickable-element form "i. class: resourceId, text - (x1,y1,x2,y2)"',
    );
  }
  if (after.format === 'phone-state' && after.app === undefined) {
    return fail(id, 'the phone state has no "- App:" line');
  }
  const stray = after.unparsedLines;
  if (stray.length === 0) return pass(id);
  const first = (stray[0] ?? '').trim();
  const shown = first.length > 60 ? `${first.slice(0, 57)}...` : first;
  return fail(id, `${stray.length} line(s) do not fit the screen format, first: "${shown}"`);
}

function baseOf(elements: readonly AndroidElement[]): number | undefined {
  return elements[0]?.index;
}

/**
 * `index-numbering`. Element list (M3A): indices rise from 0 or more and may skip numbers, since M3A numbers
 * every element of the view tree and shows only the valid ones. Phone state: numbered consecutively from the
 * same base (0 or 1) as the screen before.
 */
export function indexNumberingCheck(facts: Facts): CheckResult {
  const id = 'index-numbering';
  const elements = facts.after.elements;
  if (elements.length === 0) return skip(id, 'the observation lists no elements');
  if (facts.after.format === 'element-list') {
    for (let position = 1; position < elements.length; position++) {
      const previous = elements[position - 1]?.index ?? 0;
      const actual = elements[position]?.index ?? 0;
      if (actual <= previous) {
        return fail(id, `element ${position + 1} is numbered ${actual}, not above the ${previous} before it`);
      }
    }
    return pass(id);
  }
  const base = baseOf(elements) ?? 0;
  if (base !== 0 && base !== 1) return fail(id, `numbering starts at ${base}, not at 0 or 1`);
  const previousBase = baseOf(facts.before.elements);
  if (previousBase !== undefined && previousBase !== base && (previousBase === 0 || previousBase === 1)) {
    return fail(id, `numbering starts at ${base} but the previous screen started at ${previousBase}`);
  }
  for (let position = 0; position < elements.length; position++) {
    const expected = base + position;
    const actual = elements[position]?.index;
    if (actual !== expected) {
      return fail(
        id,
        `element ${position + 1} is numbered ${actual}, expected ${expected} (renumber from ${base})`,
      );
    }
  }
  return pass(id);
}

const NAVIGATING_CLASS =
  /(?:Button|ImageButton|Tab|TabView|NavigationBarItemView|BottomNavigationItemView|MenuItem)$/;
const NAVIGATING_LABEL =
  /^(?:navigate up|back|more options|open navigation drawer|settings|next|continue|done|save|ok|cancel|close|search|menu)$/i;
const NAVIGATING_RESOURCE = /(?:tab|nav|menu|fab|floating_action|toolbar|back|up_button)/i;

function navigatesWhenTapped(element: AndroidElement): boolean {
  return (
    NAVIGATING_CLASS.test(element.className) ||
    NAVIGATING_LABEL.test(element.text.trim()) ||
    NAVIGATING_LABEL.test(element.description.trim()) ||
    NAVIGATING_RESOURCE.test(element.resourceId.split('/').pop() ?? '')
  );
}

/** Why the action must change the screen, or undefined when an unchanged screen is plausible. */
function screenChangeReason(context: AndroidCheckContext, before: AndroidScreen): string | undefined {
  const kind = androidActionKind(context.action);
  const foreground = context.ledger.foregroundApp;
  const app = openedAppOf(context.action);
  if (app !== undefined) return foregroundIsApp(foreground, app) ? undefined : `open_app "${app}"`;
  // An M3A element list does not name its app: with no app known, home and back may leave the screen as it is.
  if (kind === 'home') return foreground === null || isLauncher(foreground) ? undefined : 'going home';
  if (kind === 'back') return foreground === null || isLauncher(foreground) ? undefined : 'going back';
  if (kind === 'tap' || kind === 'double_tap') {
    const index = targetIndexOf(context.action);
    const element = index === undefined ? undefined : elementAt(before, index);
    if (element !== undefined && navigatesWhenTapped(element)) {
      return `tapping ${element.className.split('.').pop() || 'element'} ${index}`;
    }
  }
  return undefined;
}

/** `stale-screen`: a screen-changing action must not give back the very screen it acted on. */
export function staleScreenCheck(facts: Facts): CheckResult {
  const id = 'stale-screen';
  const { context, before, after } = facts;
  const reason = screenChangeReason(context, before);
  if (reason === undefined) return skip(id, 'the action may leave the screen as it was');
  if (FAILURE_SIGN.test(context.observation)) return skip(id, 'the screen reports a failure');
  const unchanged =
    before.elements.length === 0 || after.elements.length === 0
      ? screenBody(context.observation).trim() === context.ledger.screen.trim()
      : diffAndroidScreens(before, after).identical;
  if (!unchanged) return pass(id);
  return fail(id, `the screen after ${reason} is identical to the screen before it`);
}

/** `foreground-app`: after open_app, the app in front is the one asked for. */
export function foregroundAppCheck(facts: Facts): CheckResult {
  const id = 'foreground-app';
  const app = openedAppOf(facts.context.action);
  if (app === undefined) return skip(id, 'the action opens no app');
  if (FAILURE_SIGN.test(facts.context.observation)) return skip(id, 'the screen reports a failure');
  const shows = screenShowsApp(facts.after, app);
  if (shows === undefined) return skip(id, 'the screen does not name its app');
  return shows ? pass(id) : fail(id, `open_app "${app}" but the screen shows another app in front`);
}

const ANDROID_CHECKS: ReadonlyArray<readonly [string, (facts: Facts) => CheckResult]> = [
  ['index-exists', indexExistsCheck],
  ['screen-format', screenFormatCheck],
  ['index-numbering', indexNumberingCheck],
  ['stale-screen', staleScreenCheck],
  ['foreground-app', foregroundAppCheck],
];

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `success-claim` (shared): the action's text must not talk the screen into a success token. */
function successClaim(context: AndroidCheckContext): CheckResult {
  return successClaimCheck({
    actionTexts: actionTexts(context.action),
    observation: context.observation,
    knownTexts: [...specKnownTexts(context.spec), context.ledger.screen, context.ledger.previousScreen],
  });
}

/** The android domain's deterministic checks of one predicted screen; never throws. */
export function checkAndroidObservation(context: AndroidCheckContext): CheckResult[] {
  const results: CheckResult[] = [scaffoldingCheck(context.observation), nonEmptyCheck(context.observation)];
  let facts: Facts;
  try {
    const format = screenFormatOf(context.ledger.dialect);
    facts = {
      context,
      before: parseAndroidScreen(context.ledger.screen, format),
      after: parseAndroidScreen(context.observation, format),
    };
  } catch (error) {
    for (const [id] of ANDROID_CHECKS) results.push(skip(id, `check could not run: ${describeError(error)}`));
    results.push(successClaim(context));
    return results;
  }
  for (const [id, check] of ANDROID_CHECKS) {
    try {
      results.push(check(facts));
    } catch (error) {
      results.push(skip(id, `check could not run: ${describeError(error)}`));
    }
  }
  results.push(successClaim(context));
  return results;
}
