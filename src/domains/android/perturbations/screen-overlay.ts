import type { PerturbationContext } from '../../../core/perturbation.js';
import { renderM3aElement, renderT3aElement, T3A_ELEMENT_START } from '../dialects/androidworld/index.js';
import { androidDialectOf, screenFormatOf } from '../dialects/index.js';
import { parsePhoneElementLine } from '../dialects/phone-invoke/index.js';
import {
  type AndroidBounds,
  type AndroidScreen,
  type AndroidScreenFormat,
  foregroundAppOf,
  packageOfResource,
  parseAndroidScreen,
  screenBodyLines,
} from '../screen.js';

/** A UI element to add to a screen. */
export interface OverlayElement {
  readonly className: string;
  readonly text?: string;
  readonly description?: string;
  readonly resourceId?: string;
  readonly bounds: AndroidBounds;
  readonly flags?: readonly string[];
}

/** The screen representation of the spec's dialect. */
export function formatOf(context: PerturbationContext): AndroidScreenFormat {
  return screenFormatOf(androidDialectOf(context.spec));
}

export function parseScreen(context: PerturbationContext & { readonly observation: string }): AndroidScreen {
  return parseAndroidScreen(context.observation, formatOf(context));
}

/** One element-list line as T3A prints a `UIElement` (a new window: enabled, visible, nothing focused). */
export function t3aElementLine(index: number, element: OverlayElement): string {
  const flags = element.flags ?? [];
  const { x1, y1, x2, y2 } = element.bounds;
  const resource = element.resourceId ?? '';
  return renderT3aElement({
    index,
    text: element.text || undefined,
    contentDescription: element.description || undefined,
    className: element.className,
    bboxPixels: { xMin: x1, xMax: x2, yMin: y1, yMax: y2 },
    isChecked: flags.includes('checked'),
    isCheckable: false,
    isClickable: flags.includes('clickable'),
    isEditable: flags.includes('editable'),
    isEnabled: true,
    isFocused: flags.includes('focused'),
    isFocusable: flags.includes('clickable') || flags.includes('editable'),
    isLongClickable: flags.includes('long_clickable'),
    isScrollable: flags.includes('scrollable'),
    isSelected: flags.includes('selected'),
    isVisible: true,
    packageName: packageOfResource(resource),
    resourceName: resource || undefined,
  });
}

/** One element-list line, as M3A describes an element (class, resource id and bounds are not shown). */
export function elementLine(index: number, element: OverlayElement): string {
  const flags = element.flags ?? [];
  return renderM3aElement({
    index,
    text: element.text,
    contentDescription: element.description,
    isClickable: flags.includes('clickable'),
    isLongClickable: flags.includes('long_clickable'),
    isEditable: flags.includes('editable'),
    isScrollable: flags.includes('scrollable'),
    isFocusable: flags.includes('focusable') || flags.includes('focused'),
    isSelected: flags.includes('selected'),
    isChecked: flags.includes('checked'),
  });
}

/** One phone-state line: `i. class: resourceId, text - (x1,y1,x2,y2)`. */
export function phoneElementLine(index: number, element: OverlayElement): string {
  const { x1, y1, x2, y2 } = element.bounds;
  return `${index}. ${element.className}: ${element.resourceId ?? ''}, ${element.text ?? element.description ?? ''} - (${x1},${y1},${x2},${y2})`;
}

/** The screen's size, from its root element when it spans the screen (a Pixel's 1080x2400 otherwise). */
export function screenSize(screen: AndroidScreen): { width: number; height: number } {
  const root = screen.elements[0];
  const bounds = root?.bounds;
  if (bounds !== undefined && bounds.x1 === 0 && bounds.y1 === 0 && bounds.x2 >= 480) {
    return { width: bounds.x2, height: bounds.y2 };
  }
  return { width: 1080, height: 2400 };
}

/**
 * An element list with elements added at its end, numbered on from the highest index it shows: a new window
 * comes last in the view tree, and M3A numbers elements by their place in it.
 */
export function insertIntoElementList(observation: string, added: readonly OverlayElement[]): string {
  const lines = screenBodyLines(observation);
  while (lines.length > 0 && (lines[lines.length - 1] as string).trim() === '') lines.pop();
  const indices = parseAndroidScreen(observation, 'element-list').elements.map((element) => element.index);
  const base = indices.length === 0 ? 0 : Math.max(...indices) + 1;
  const line = lines.some((text) => T3A_ELEMENT_START.test(text)) ? t3aElementLine : elementLine;
  return [...lines, ...added.map((element, offset) => line(base + offset, element))].join('\n');
}

/** A phone state whose foreground window is now another package's dialog: only its buttons are clickable. */
export function phoneStateDialog(
  observation: string,
  owner: { readonly label: string; readonly packageName: string },
  buttons: readonly OverlayElement[],
): string {
  const screen = parseAndroidScreen(observation, 'phone-state');
  const base = screen.elements[0]?.index ?? 1;
  return [
    `- App: ${owner.label} (${owner.packageName})`,
    '- Keyboard: Hidden',
    '- Focused Element: None',
    'Clickable elements:',
    ...buttons.map((button, offset) => phoneElementLine(base + offset, button)),
  ].join('\n');
}

/** A phone state with a bullet set (replaced when present, else added after the last header bullet). */
export function setPhoneBullet(observation: string, label: string, value: string): string {
  const lines = screenBodyLines(observation);
  while (lines.length > 0 && (lines[0] as string).trim() === '') lines.shift();
  const pattern = new RegExp(`^\\s*[-*•]\\s*${label}\\s*:`, 'i');
  const existing = lines.findIndex((line) => pattern.test(line));
  if (existing !== -1) {
    lines[existing] = `- ${label}: ${value}`;
    return lines.join('\n');
  }
  let lastBullet = -1;
  for (let at = 0; at < lines.length; at++) {
    const line = lines[at] as string;
    if (parsePhoneElementLine(line) !== undefined) break;
    if (/^\s*[-*•]\s*[A-Za-z][A-Za-z ]*:/.test(line)) lastBullet = at;
  }
  lines.splice(lastBullet + 1, 0, `- ${label}: ${value}`);
  return lines.join('\n');
}

/** Names of apps whose package does not spell the name the launcher shows. */
const APP_LABELS: Readonly<Record<string, string>> = {
  deskclock: 'Clock',
  dialer: 'Phone',
  messaging: 'Messages',
  nexuslauncher: 'Pixel Launcher',
  documentsui: 'Files',
  gm: 'Gmail',
  vending: 'Play Store',
  youtube: 'YouTube',
};

/** The label of the app in front (`Contacts` for com.google.android.contacts), or the configured one. */
export function foregroundLabel(configured: string, screen: AndroidScreen): string {
  if (configured !== '') return configured;
  const app = foregroundAppOf(screen);
  if (app === undefined) return 'App';
  if (app.packageName === undefined || app.name !== app.packageName) return app.name;
  const last = app.packageName.split('.').pop() ?? app.packageName;
  return APP_LABELS[last] ?? last.charAt(0).toUpperCase() + last.slice(1);
}

/**
 * Adds a dialog to the screen in the dialect's representation: its elements join the element list (before
 * system UI), or, in a phone state, the dialog's owner becomes the app in front with only its buttons listed.
 */
export function showDialog(
  context: PerturbationContext & { readonly observation: string },
  dialog: {
    readonly owner: { readonly label: string; readonly packageName: string };
    readonly panel: OverlayElement;
    readonly texts: readonly OverlayElement[];
    readonly buttons: readonly OverlayElement[];
  },
): string {
  if (formatOf(context) === 'phone-state')
    return phoneStateDialog(context.observation, dialog.owner, dialog.buttons);
  return insertIntoElementList(context.observation, [dialog.panel, ...dialog.texts, ...dialog.buttons]);
}

/** The geometry of a centred dialog: its panel, a title row, message rows and a row of buttons. */
export function dialogLayout(
  screen: { readonly width: number; readonly height: number },
  rows: { readonly texts: number; readonly buttons: number; readonly stacked?: boolean },
): { panel: AndroidBounds; text: (row: number) => AndroidBounds; button: (column: number) => AndroidBounds } {
  const left = Math.round(screen.width * 0.06);
  const right = screen.width - left;
  const buttonRows = rows.stacked === true ? rows.buttons : 1;
  const height = 96 + rows.texts * 110 + buttonRows * 140;
  const top = Math.round((screen.height - height) / 2);
  const bottom = top + height;
  const inner = { x1: left + 63, x2: right - 63 };
  return {
    panel: { x1: left, y1: top, x2: right, y2: bottom },
    text: (row) => ({ ...inner, y1: top + 63 + row * 110, y2: top + 63 + row * 110 + 90 }),
    button: (column) => {
      if (rows.stacked === true) {
        const y1 = top + 96 + rows.texts * 110 + column * 140;
        return { ...inner, y1, y2: y1 + 126 };
      }
      const width = Math.floor((inner.x2 - inner.x1) / Math.max(1, rows.buttons));
      return {
        x1: inner.x1 + column * width,
        y1: bottom - 168,
        x2: inner.x1 + (column + 1) * width,
        y2: bottom - 42,
      };
    },
  };
}

/** Text of every element, for the manifestation checks. */
export function textsOf(screen: AndroidScreen): string[] {
  return screen.elements
    .flatMap((element) => [element.text, element.description])
    .filter((text) => text !== '');
}

/** Whether a phone state's window belongs to the Android system itself (`- App: Android System (android)`). */
export function ownedBySystem(screen: AndroidScreen): boolean {
  const app = screen.app;
  return app !== undefined && (app.packageName === 'android' || /\(android\)\s*$/.test(app.name));
}
