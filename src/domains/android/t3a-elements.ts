/**
 * AndroidWorld's T3A element list (android_world/agents/t3a.py:186-203 `_generate_ui_elements_description_list_full`,
 * google-research/android_world d9c569f): `UI element {index}: {str(ui_element)}` per valid element, where the
 * element is the `UIElement` dataclass of env/representation_utils.py:53-77 (read at 1214f0e), printed by its
 * generated repr: every field in declaration order, `None` for what is unset, Python's quoting for strings.
 */

import { pythonBoolRepr, pythonNumberRepr, pythonStringRepr, readPythonString } from './python-repr.js';
import type { AndroidBounds } from './screen.js';

/** `BoundingBox(x_min, x_max, y_min, y_max)`; `normalized` boxes hold fractions of the screen. */
export interface T3aBox {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

/** A `UIElement` as T3A prints it; an absent field is `None`. */
export interface T3aElement {
  readonly index: number;
  readonly text?: string | undefined;
  readonly contentDescription?: string | undefined;
  readonly className?: string | undefined;
  /** The normalized box (fractions), printed as floats. */
  readonly bbox?: T3aBox | undefined;
  readonly bboxPixels?: T3aBox | undefined;
  readonly hintText?: string | undefined;
  readonly isChecked?: boolean | undefined;
  readonly isCheckable?: boolean | undefined;
  readonly isClickable?: boolean | undefined;
  readonly isEditable?: boolean | undefined;
  readonly isEnabled?: boolean | undefined;
  readonly isFocused?: boolean | undefined;
  readonly isFocusable?: boolean | undefined;
  readonly isLongClickable?: boolean | undefined;
  readonly isScrollable?: boolean | undefined;
  readonly isSelected?: boolean | undefined;
  readonly isVisible?: boolean | undefined;
  readonly packageName?: string | undefined;
  readonly resourceName?: string | undefined;
  readonly tooltip?: string | undefined;
  readonly resourceId?: string | undefined;
}

type FieldKind = 'str' | 'bool' | 'box' | 'floatBox';
/** The dataclass fields in declaration order, with the element key each one reads. */
const FIELDS: ReadonlyArray<readonly [string, keyof T3aElement, FieldKind]> = [
  ['text', 'text', 'str'],
  ['content_description', 'contentDescription', 'str'],
  ['class_name', 'className', 'str'],
  ['bbox', 'bbox', 'floatBox'],
  ['bbox_pixels', 'bboxPixels', 'box'],
  ['hint_text', 'hintText', 'str'],
  ['is_checked', 'isChecked', 'bool'],
  ['is_checkable', 'isCheckable', 'bool'],
  ['is_clickable', 'isClickable', 'bool'],
  ['is_editable', 'isEditable', 'bool'],
  ['is_enabled', 'isEnabled', 'bool'],
  ['is_focused', 'isFocused', 'bool'],
  ['is_focusable', 'isFocusable', 'bool'],
  ['is_long_clickable', 'isLongClickable', 'bool'],
  ['is_scrollable', 'isScrollable', 'bool'],
  ['is_selected', 'isSelected', 'bool'],
  ['is_visible', 'isVisible', 'bool'],
  ['package_name', 'packageName', 'str'],
  ['resource_name', 'resourceName', 'str'],
  ['tooltip', 'tooltip', 'str'],
  ['resource_id', 'resourceId', 'str'],
];

function boxRepr(box: T3aBox, float: boolean): string {
  const n = (value: number): string => pythonNumberRepr(value, float);
  return `BoundingBox(x_min=${n(box.xMin)}, x_max=${n(box.xMax)}, y_min=${n(box.yMin)}, y_max=${n(box.yMax)})`;
}

function valueRepr(value: unknown, kind: FieldKind): string {
  if (value === undefined || value === null) return 'None';
  if (kind === 'str') return pythonStringRepr(value as string);
  if (kind === 'bool') return pythonBoolRepr(value as boolean);
  return boxRepr(value as T3aBox, kind === 'floatBox');
}

/** One element's line (without the line end). */
export function renderT3aElement(element: T3aElement): string {
  const fields = FIELDS.map(([name, key, kind]) => `${name}=${valueRepr(element[key], kind)}`);
  return `UI element ${element.index}: UIElement(${fields.join(', ')})`;
}

/** The list exactly as T3A builds it: every element's line followed by `\n`. */
export function renderT3aElementList(elements: readonly T3aElement[]): string {
  return elements.map((element) => `${renderT3aElement(element)}\n`).join('');
}

/** The list as an observation: the same lines without the final line end. */
export function renderT3aScreen(elements: readonly T3aElement[]): string {
  return elements.map(renderT3aElement).join('\n');
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
