/**
 * The phone-invoke dialect's observation parser: the phone state as DroidRun's `IndexedFormatter` writes it
 * (droidrun/droidrun c0fc91c, droidrun/tools/formatters/indexed_formatter.py; fixtures.ts restates it):
 * `• **App:** Name (package)`, `• **Keyboard:** Hidden|Visible`, `• **Focused Element:** 'text'` bullets, the
 * `Current Clickable UI elements from the device in the schema …:` line, then one numbered line per element,
 * `8. TextView: "pkg:id/title", "Downloads" - (0,258,267,384)` (a single quoted detail is the text). The plain
 * forms `- App: …` and `4. android.widget.Button: pkg:id/save, Save - (x1,y1,x2,y2)` are read too.
 */
import type { AndroidAppInfo, AndroidElement, AndroidScreen } from '../../screen.js';
import { screenBodyLines } from '../../screen.js';

const PHONE_ELEMENT_LINE =
  /^\s*(\d+)\.\s+([^\s:]+):\s?(.*?)\s+-\s+\(\s*(-?\d+)\s*,\s*(-?\d+)\s*,\s*(-?\d+)\s*,\s*(-?\d+)\s*\)\s*$/;
const BULLET = /^\s*[-*•]\s*(?:\*\*)?([A-Za-z][A-Za-z ]*?)\s*:\s*(?:\*\*)?\s*(.*)$/;
/** DroidRun's line above the elements, and its line for a screen without any. */
const LIST_HEADER = /^Current Clickable UI elements\b.*:\s*$|^No UI elements found\s*$/;
/** DroidRun's quoted details: `"resourceId", "text"` or just `"text"`. */
const QUOTED_PAIR = /^"([^"]*)", "([\s\S]*)"$/;
const QUOTED_ONE = /^"([\s\S]*)"$/;

function detailsOf(middle: string): { readonly resourceId: string; readonly text: string } {
  const trimmed = middle.trim();
  const pair = QUOTED_PAIR.exec(trimmed);
  if (pair !== null) return { resourceId: pair[1] ?? '', text: pair[2] ?? '' };
  const one = QUOTED_ONE.exec(trimmed);
  if (one !== null) return { resourceId: '', text: one[1] ?? '' };
  const comma = middle.indexOf(',');
  return {
    resourceId: (comma < 0 ? middle : middle.slice(0, comma)).trim(),
    text: comma < 0 ? '' : middle.slice(comma + 1).trim(),
  };
}
const APP_VALUE = /^(.*?)\s*\(([A-Za-z][\w]*(?:\.[\w]+)+)\)\s*$/;

/** Parses one phone-state element line, or undefined when the line is not one. */
export function parsePhoneElementLine(line: string, lineNumber = 0): AndroidElement | undefined {
  const match = PHONE_ELEMENT_LINE.exec(line);
  if (match === null) return undefined;
  const { resourceId, text } = detailsOf(match[3] ?? '');
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
    if (LIST_HEADER.test(line.trim()) || (/^[^\s].*:\s*$/.test(line.trim()) && line.trim().length <= 80)) {
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
