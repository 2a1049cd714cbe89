import { parseElementList } from './dialects/androidworld/index.js';
import { parsePhoneState } from './dialects/phone-invoke/index.js';
/**
 * The two screen representations of the android domain, parsed into typed nodes:
 * - `element-list` (androidworld): AndroidWorld's M3A element list (dialects/androidworld), or T3A's, one description per valid
 *   element, `UI element 3: {"index": 3, "text": "Save", "is_clickable": True, …}`, indices keeping their gaps;
 * - `phone-state` (phone-invoke, dialects/phone-invoke): `- App:`, `- Keyboard:`, `- Focused Element:` bullets, then a numbered list of
 *   clickable elements `4. android.widget.Button: pkg:id/save, Save - (x1,y1,x2,y2)`.
 * Parsers never throw: what they do not recognise is kept in `unparsedLines`.
 */

export type AndroidScreenFormat = 'element-list' | 'phone-state';

export interface AndroidBounds {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** One UI element of a screen, whichever representation it came from. */
export interface AndroidElement {
  readonly index: number;
  readonly className: string;
  readonly text: string;
  /** Content description (element-list only; empty otherwise). */
  readonly description: string;
  /** `package:id/name`, or empty (the M3A element list does not show it). */
  readonly resourceId: string;
  /** Screen box (phone-state only: the M3A element list does not show it). */
  readonly bounds?: AndroidBounds;
  /**
   * Flags (element-list only): clickable, long_clickable, editable, scrollable, focusable, selected, checked — the
   * M3A `is_…` fields that are True.
   */
  readonly flags: readonly string[];
  /** 0-based line number in the observation. */
  readonly line: number;
}

export interface AndroidAppInfo {
  readonly name: string;
  readonly packageName?: string;
}

export interface AndroidScreen {
  readonly format: AndroidScreenFormat;
  readonly elements: readonly AndroidElement[];
  /** The foreground app the screen names (phone-state `- App:` bullet). */
  readonly app?: AndroidAppInfo;
  /** `Hidden`, `Shown`, … as the phone-state bullet says. */
  readonly keyboard?: string;
  readonly focused?: string;
  /** Bullet lines of the phone-state header, by label. */
  readonly bullets: Readonly<Record<string, string>>;
  /** Header lines of a phone-state list (`Clickable elements:` and the like). */
  readonly headerLines: readonly string[];
  /** Non-blank lines that fit neither an element nor a known header. */
  readonly unparsedLines: readonly string[];
}

export const PHONE_STATE_HEADING = 'Current Phone State';

/** Splits an observation into lines, dropping a leading `**Current Phone State:**` heading if present. */
export function screenBodyLines(observation: string): string[] {
  const lines = observation.replace(/\r\n?/g, '\n').split('\n');
  const first = lines.findIndex((line) => line.trim().length > 0);
  if (first >= 0 && /^\*\*Current (?:Phone )?State:\*\*\s*$/.test((lines[first] ?? '').trim())) {
    lines.splice(0, first + 1);
  }
  return lines;
}

/** The observation without a leading state heading: what goes under this turn's state section. */
export function screenBody(observation: string): string {
  const lines = screenBodyLines(observation);
  while (lines.length > 0 && (lines[0] ?? '').trim() === '') lines.shift();
  return lines.join('\n').replace(/\n+$/, '');
}

export function parseAndroidScreen(observation: string, format: AndroidScreenFormat): AndroidScreen {
  return format === 'element-list' ? parseElementList(observation) : parsePhoneState(observation);
}

/** Packages of system UI and input methods, which are never the foreground app. */
export function isSystemPackage(packageName: string): boolean {
  return (
    packageName === 'android' ||
    packageName === 'com.android.systemui' ||
    /inputmethod|\.ime\b|keyboard/i.test(packageName)
  );
}

/** The package part of a resource id `pkg:id/name`. */
export function packageOfResource(resourceId: string): string | undefined {
  const colon = resourceId.indexOf(':id/');
  if (colon <= 0) return undefined;
  return resourceId.slice(0, colon);
}

/**
 * The foreground app a screen shows: the phone-state App bullet, or for an element list the package most of
 * its resource ids belong to (system UI and keyboards left out). Undefined when the screen does not say.
 */
export function foregroundAppOf(screen: AndroidScreen): AndroidAppInfo | undefined {
  if (screen.app !== undefined) return screen.app;
  const counts = new Map<string, number>();
  for (const element of screen.elements) {
    const packageName = packageOfResource(element.resourceId);
    if (packageName === undefined || isSystemPackage(packageName)) continue;
    counts.set(packageName, (counts.get(packageName) ?? 0) + 1);
  }
  let best: string | undefined;
  let bestCount = 0;
  for (const [packageName, count] of counts) {
    if (count > bestCount) {
      best = packageName;
      bestCount = count;
    }
  }
  return best === undefined ? undefined : { name: best, packageName: best };
}

/** Finds the element with this index. */
export function elementAt(screen: AndroidScreen, index: number): AndroidElement | undefined {
  return screen.elements.find((element) => element.index === index);
}
