/**
 * The androidworld dialect's observation parsers: M3A and T3A element descriptions (render.ts writes them) and
 * the element list of either as a typed screen. Parsers never throw: what they do not recognise is kept in
 * `unparsedLines`.
 */
import type { AndroidBounds, AndroidElement, AndroidScreen } from '../../screen.js';
import { screenBodyLines } from '../../screen.js';
import { readPythonString } from './python-repr.js';
import { FIELDS, type FieldKind, type M3aElement, type T3aBox, type T3aElement } from './render.js';

const TEXT_KEYS = ['text', 'content_description', 'hint_text', 'tooltip'] as const;

const ELEMENT =
  /^UI element (\d+): \{"index": (\d+)((?:, "(?:text|content_description|hint_text|tooltip)": ".*?")*), "is_clickable": (True|False), "is_long_clickable": (True|False), "is_editable": (True|False)(, "is_scrollable": True)?(, "is_focusable": True)?, "is_selected": (True|False), "is_checked": (True|False)\}$/s;

/** Where each element description starts in a text: a line beginning `UI element N: {"index": `. */
export const M3A_ELEMENT_START = /^UI element \d+: \{"index": \d+/;

/** Reads the quoted text fields in their fixed order (their values may hold quotes and commas). */
function readTextFields(segment: string): Partial<Record<(typeof TEXT_KEYS)[number], string>> {
  const fields: Partial<Record<(typeof TEXT_KEYS)[number], string>> = {};
  let rest = segment;
  for (let k = 0; k < TEXT_KEYS.length; k++) {
    const key = TEXT_KEYS[k] as (typeof TEXT_KEYS)[number];
    const opener = `, "${key}": "`;
    if (!rest.startsWith(opener)) continue;
    rest = rest.slice(opener.length);
    let end = rest.length - 1;
    for (const later of TEXT_KEYS.slice(k + 1)) {
      const at = rest.indexOf(`", "${later}": "`);
      if (at !== -1) {
        end = at;
        break;
      }
    }
    fields[key] = rest.slice(0, end);
    rest = rest.slice(end + 1);
  }
  return fields;
}

/** Parses one element description (it may span lines when its text does), or undefined. */
export function parseM3aElement(description: string): M3aElement | undefined {
  const match = ELEMENT.exec(description);
  if (match === null || match[1] !== match[2]) return undefined;
  const fields = readTextFields(match[3] ?? '');
  return {
    index: Number(match[1]),
    ...(fields.text === undefined ? {} : { text: fields.text }),
    ...(fields.content_description === undefined ? {} : { contentDescription: fields.content_description }),
    ...(fields.hint_text === undefined ? {} : { hintText: fields.hint_text }),
    ...(fields.tooltip === undefined ? {} : { tooltip: fields.tooltip }),
    isClickable: match[4] === 'True',
    isLongClickable: match[5] === 'True',
    isEditable: match[6] === 'True',
    isScrollable: match[7] !== undefined,
    isFocusable: match[8] !== undefined,
    isSelected: match[9] === 'True',
    isChecked: match[10] === 'True',
  };
}

/** Where a T3A description starts. */
export const T3A_ELEMENT_START = /^UI element \d+: UIElement\(/;

const BOX = /^BoundingBox\(x_min=(-?[\d.]+), x_max=(-?[\d.]+), y_min=(-?[\d.]+), y_max=(-?[\d.]+)\)/;

/** Reads one field value at `at`; returns it (undefined for None) and the index after it, or undefined. */
function readValue(text: string, at: number, kind: FieldKind): { value: unknown; end: number } | undefined {
  if (text.startsWith('None', at)) return { value: undefined, end: at + 4 };
  if (kind === 'str') return readPythonString(text, at);
  if (kind === 'bool') {
    if (text.startsWith('True', at)) return { value: true, end: at + 4 };
    if (text.startsWith('False', at)) return { value: false, end: at + 5 };
    return undefined;
  }
  const match = BOX.exec(text.slice(at));
  if (match === null) return undefined;
  const box: T3aBox = {
    xMin: Number(match[1]),
    xMax: Number(match[2]),
    yMin: Number(match[3]),
    yMax: Number(match[4]),
  };
  return { value: box, end: at + match[0].length };
}

/** Parses one T3A description (it may span lines only through escapes, so one line), or undefined. */
export function parseT3aElement(line: string): T3aElement | undefined {
  const head = /^UI element (\d+): UIElement\(/.exec(line);
  if (head === null) return undefined;
  const element: Record<string, unknown> = { index: Number(head[1]) };
  let at = head[0].length;
  for (let k = 0; k < FIELDS.length; k++) {
    const [name, key, kind] = FIELDS[k] as (typeof FIELDS)[number];
    if (!line.startsWith(`${name}=`, at)) return undefined;
    const read = readValue(line, at + name.length + 1, kind);
    if (read === undefined) return undefined;
    if (read.value !== undefined) element[key] = read.value;
    at = read.end;
    const separator = k === FIELDS.length - 1 ? ')' : ', ';
    if (!line.startsWith(separator, at)) return undefined;
    at += separator.length;
  }
  return at === line.length ? (element as unknown as T3aElement) : undefined;
}

/** The pixel box as element bounds. */
export function boundsOfT3a(element: T3aElement): AndroidBounds | undefined {
  const box = element.bboxPixels;
  return box === undefined ? undefined : { x1: box.xMin, y1: box.yMin, x2: box.xMax, y2: box.yMax };
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
