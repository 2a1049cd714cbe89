/** The phone-invoke dialect's observation parser: the phone state (`- App:`, `- Keyboard:`, `- Focused Element:`
 * bullets, then the numbered clickable elements `4. android.widget.Button: pkg:id/save, Save - (x1,y1,x2,y2)`). */
import type { AndroidAppInfo, AndroidElement, AndroidScreen } from '../../screen.js';
import { screenBodyLines } from '../../screen.js';

const PHONE_ELEMENT_LINE =
  /^\s*(\d+)\.\s+([^\s:]+):\s?(.*?)\s+-\s+\(\s*(-?\d+)\s*,\s*(-?\d+)\s*,\s*(-?\d+)\s*,\s*(-?\d+)\s*\)\s*$/;
const BULLET = /^\s*[-*•]\s*([A-Za-z][A-Za-z ]*?)\s*:\s*(.*)$/;
const APP_VALUE = /^(.*?)\s*\(([A-Za-z][\w]*(?:\.[\w]+)+)\)\s*$/;

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
