import { M3A_ELEMENT_START, type M3aElement, parseM3aElement } from './m3a-elements.js';
import { boundsOfT3a, parseT3aElement, T3A_ELEMENT_START, type T3aElement } from './t3a-elements.js';
/**
 * The two screen representations of the android domain, parsed into typed nodes:
 * - `element-list` (androidworld): AndroidWorld's M3A element list (m3a-elements.ts), one description per valid
 *   element, `UI element 3: {"index": 3, "text": "Save", "is_clickable": True, …}`, indices keeping their gaps;
 * - `phone-state` (phone-invoke): `- App:`, `- Keyboard:`, `- Focused Element:` bullets, then a numbered list of
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

const PHONE_ELEMENT_LINE =
  /^\s*(\d+)\.\s+([^\s:]+):\s?(.*?)\s+-\s+\(\s*(-?\d+)\s*,\s*(-?\d+)\s*,\s*(-?\d+)\s*,\s*(-?\d+)\s*\)\s*$/;
const BULLET = /^\s*[-*•]\s*([A-Za-z][A-Za-z ]*?)\s*:\s*(.*)$/;
const APP_VALUE = /^(.*?)\s*\(([A-Za-z][\w]*(?:\.[\w]+)+)\)\s*$/;

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

/** The element flags, in the order the element list shows them, and the description field that sets each. */
const FLAG_FIELDS = [
  ['isClickable', 'clickable'],
  ['isLongClickable', 'long_clickable'],
  ['isEditable', 'editable'],
  ['isScrollable', 'scrollable'],
  ['isFocusable', 'focusable'],
  ['isFocused', 'focused'],
  ['isSelected', 'selected'],
  ['isChecked', 'checked'],
] as const;

type FlagField = (typeof FLAG_FIELDS)[number][0];

/** The flags an M3A or T3A description sets (its `is_…` fields that are True; M3A has no `is_focused`). */
function flagsOf(element: Partial<Record<FlagField, boolean | undefined>>): string[] {
  return FLAG_FIELDS.filter(([field]) => element[field] === true).map(([, flag]) => flag);
}

/** An M3A element description as a typed element. */
export function androidElementOfM3a(element: M3aElement, lineNumber = 0): AndroidElement {
  return {
    index: element.index,
    className: '',
    text: element.text ?? '',
    description: element.contentDescription ?? '',
    resourceId: '',
    flags: flagsOf(element),
    line: lineNumber,
  };
}

/** Parses one phone-state element line, or undefined when the line is not one. */
export function parsePhoneElementLine(line: string, lineNumber = 0): AndroidElement | undefined {
  const match = PHONE_ELEMENT_LINE.exec(line);
  if (match === null) return undefined;
  const middle = match[3] ?? '';
  const comma = middle.indexOf(',');
  const resourceId = (comma < 0 ? middle : middle.slice(0, comma)).trim();
  const text = comma < 0 ? '' : middle.slice(comma + 1).trim();
  return {
    index: Number(match[1]),
    className: match[2] ?? '',
    text,
    description: '',
    resourceId,
    bounds: { x1: Number(match[4]), y1: Number(match[5]), x2: Number(match[6]), y2: Number(match[7]) },
    flags: [],
    line: lineNumber,
  };
}

/** A T3A `UIElement` description as a typed element (class, resource name and pixel box included). */
export function androidElementOfT3a(element: T3aElement, lineNumber = 0): AndroidElement {
  const flags = flagsOf(element);
  const bounds = boundsOfT3a(element);
  return {
    index: element.index,
    className: element.className ?? '',
    text: element.text ?? '',
    description: element.contentDescription ?? '',
    resourceId: element.resourceName ?? '',
    ...(bounds === undefined ? {} : { bounds }),
    flags,
    line: lineNumber,
  };
}

/**
 * Parses an androidworld element list (M3A descriptions, or T3A `UIElement(…)` lines). A description whose text spans lines continues until
 * the next line that starts a description.
 */
export function parseElementList(observation: string): AndroidScreen {
  const elements: AndroidElement[] = [];
  const unparsedLines: string[] = [];
  let pending: { text: string; line: number } | undefined;
  const finish = (): void => {
    if (pending === undefined) return;
    const element = parseM3aElement(pending.text.replace(/\n+$/, ''));
    if (element === undefined) unparsedLines.push(...pending.text.split('\n').filter((l) => l.trim() !== ''));
    else elements.push(androidElementOfM3a(element, pending.line));
    pending = undefined;
  };
  screenBodyLines(observation).forEach((line, lineNumber) => {
    if (T3A_ELEMENT_START.test(line)) {
      finish();
      const element = parseT3aElement(line);
      if (element === undefined) unparsedLines.push(line);
      else elements.push(androidElementOfT3a(element, lineNumber));
    } else if (M3A_ELEMENT_START.test(line)) {
      finish();
      pending = { text: line, line: lineNumber };
    } else if (pending !== undefined) {
      pending.text += `\n${line}`;
    } else if (line.trim().length > 0) {
      unparsedLines.push(line);
    }
  });
  finish();
  return { format: 'element-list', elements, bullets: {}, headerLines: [], unparsedLines };
}

function parseAppValue(value: string): AndroidAppInfo {
  const match = APP_VALUE.exec(value);
  if (match === null) return { name: value.trim() };
  return { name: (match[1] ?? '').trim(), packageName: match[2] ?? '' };
}

/** Parses a phone-invoke phone state (the heading line is optional). */
export function parsePhoneState(observation: string): AndroidScreen {
  const elements: AndroidElement[] = [];
  const unparsedLines: string[] = [];
  const headerLines: string[] = [];
  const bullets: Record<string, string> = {};
  screenBodyLines(observation).forEach((line, lineNumber) => {
    if (line.trim().length === 0) return;
    const element = parsePhoneElementLine(line, lineNumber);
    if (element !== undefined) {
      elements.push(element);
      return;
    }
    const bullet = BULLET.exec(line);
    if (bullet !== null && elements.length === 0) {
      bullets[(bullet[1] ?? '').trim().toLowerCase()] = (bullet[2] ?? '').trim();
      return;
    }
    if (/^[^\s].*:\s*$/.test(line.trim()) && line.trim().length <= 80) {
      headerLines.push(line.trim());
      return;
    }
    unparsedLines.push(line);
  });
  const appValue = bullets.app;
  const keyboard = bullets.keyboard;
  const focused = bullets['focused element'];
  return {
    format: 'phone-state',
    elements,
    ...(appValue === undefined ? {} : { app: parseAppValue(appValue) }),
    ...(keyboard === undefined ? {} : { keyboard }),
    ...(focused === undefined ? {} : { focused }),
    bullets,
    headerLines,
    unparsedLines,
  };
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
