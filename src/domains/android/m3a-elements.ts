/**
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
