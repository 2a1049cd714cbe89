/**
 * The androidworld dialect's observation renderers: the two element lists of AndroidWorld's agents, M3A (the
 * default) and T3A (`initialState.data.elementList: "t3a"`).
 */
import { pythonBoolRepr, pythonNumberRepr, pythonStringRepr } from './python-repr.js';

/*
 * AndroidWorld's M3A element list (android_world/agents/m3a.py:204-248, `_generate_ui_element_description` and
 * `_generate_ui_elements_description_list`, google-research/android_world d9c569f): one line per valid element,
 * `UI element 3: {"index": 3, "text": "Save", "is_clickable": True, …}`. Indices are positions in the whole
 * element list, so the lines keep the gaps where invalid elements were left out. Text is printed unescaped,
 * as M3A's f-string prints it.
 */

/** One element as M3A describes it. */
export interface M3aElement {
  readonly index: number;
  readonly text?: string | undefined;
  readonly contentDescription?: string | undefined;
  readonly hintText?: string | undefined;
  readonly tooltip?: string | undefined;
  readonly isClickable?: boolean | undefined;
  readonly isLongClickable?: boolean | undefined;
  readonly isEditable?: boolean | undefined;
  readonly isScrollable?: boolean | undefined;
  readonly isFocusable?: boolean | undefined;
  readonly isSelected?: boolean | undefined;
  readonly isChecked?: boolean | undefined;
}

const bool = (value: boolean | undefined): string => (value === true ? 'True' : 'False');

/** One element's description (without the line end). Empty strings are left out, as Python's `if text:` does. */
export function renderM3aElement(element: M3aElement): string {
  const parts = [`"index": ${element.index}`];
  if (element.text) parts.push(`"text": "${element.text}"`);
  if (element.contentDescription) parts.push(`"content_description": "${element.contentDescription}"`);
  if (element.hintText) parts.push(`"hint_text": "${element.hintText}"`);
  if (element.tooltip) parts.push(`"tooltip": "${element.tooltip}"`);
  parts.push(`"is_clickable": ${bool(element.isClickable)}`);
  parts.push(`"is_long_clickable": ${bool(element.isLongClickable)}`);
  parts.push(`"is_editable": ${bool(element.isEditable)}`);
  if (element.isScrollable) parts.push('"is_scrollable": True');
  if (element.isFocusable) parts.push('"is_focusable": True');
  parts.push(`"is_selected": ${bool(element.isSelected)}`);
  parts.push(`"is_checked": ${bool(element.isChecked)}`);
  return `UI element ${element.index}: {${parts.join(', ')}}`;
}

/** The list exactly as M3A builds it: every element's line followed by `\n`. */
export function renderM3aElementList(elements: readonly M3aElement[]): string {
  return elements.map((element) => `${renderM3aElement(element)}\n`).join('');
}

/** The list as an observation: the same lines without the final line end. */
export function renderM3aScreen(elements: readonly M3aElement[]): string {
  return elements.map(renderM3aElement).join('\n');
}

/*
 * AndroidWorld's T3A element list (android_world/agents/t3a.py:186-203 `_generate_ui_elements_description_list_full`,
 * google-research/android_world d9c569f): `UI element {index}: {str(ui_element)}` per valid element, where the
 * element is the `UIElement` dataclass of env/representation_utils.py:53-77 (read at 1214f0e), printed by its
 * generated repr: every field in declaration order, `None` for what is unset, Python's quoting for strings.
 */

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

export type FieldKind = 'str' | 'bool' | 'box' | 'floatBox';
/** The dataclass fields in declaration order, with the element key each one reads. */
export const FIELDS: ReadonlyArray<readonly [string, keyof T3aElement, FieldKind]> = [
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
