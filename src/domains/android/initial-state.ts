import type { WorldSpec } from '../../core/world-spec.js';
import { renderT3aScreen, type T3aElement } from './dialects/androidworld/index.js';
import { type AndroidDialect, androidDialectOf, androidElementListFormatOf } from './dialects/index.js';
import { screenBody } from './screen.js';

const LAUNCHER = 'com.google.android.apps.nexuslauncher';

/** A Pixel home screen as an androidworld element list, used when a spec gives no initial screen. */
export const DEFAULT_ELEMENT_LIST_HOME = [
  `UI element 0: {"index": 0, "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_scrollable": True, "is_selected": False, "is_checked": False}`,
  'UI element 1: {"index": 1, "text": "Phone", "content_description": "Phone", "is_clickable": True, "is_long_clickable": True, "is_editable": False, "is_selected": False, "is_checked": False}',
  'UI element 2: {"index": 2, "text": "Messages", "content_description": "Messages", "is_clickable": True, "is_long_clickable": True, "is_editable": False, "is_selected": False, "is_checked": False}',
  'UI element 3: {"index": 3, "text": "Chrome", "content_description": "Chrome", "is_clickable": True, "is_long_clickable": True, "is_editable": False, "is_selected": False, "is_checked": False}',
  'UI element 4: {"index": 4, "text": "Camera", "content_description": "Camera", "is_clickable": True, "is_long_clickable": True, "is_editable": False, "is_selected": False, "is_checked": False}',
  `UI element 5: {"index": 5, "content_description": "Search", "is_clickable": True, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}`,
  'UI element 6: {"index": 6, "text": "9:41", "content_description": "9:41 AM", "is_clickable": False, "is_long_clickable": False, "is_editable": False, "is_selected": False, "is_checked": False}',
].join('\n');

/** One launcher element as T3A prints it: enabled, visible, focusable when clickable. */
function homeElement(
  index: number,
  fields: Partial<T3aElement> & { readonly box: readonly [number, number, number, number] },
): T3aElement {
  const [xMin, yMin, xMax, yMax] = fields.box;
  return {
    index,
    className: 'android.widget.TextView',
    bboxPixels: { xMin, xMax, yMin, yMax },
    isChecked: false,
    isCheckable: false,
    isClickable: false,
    isEditable: false,
    isEnabled: true,
    isFocused: false,
    isFocusable: fields.isClickable === true,
    isLongClickable: false,
    isScrollable: false,
    isSelected: false,
    isVisible: true,
    packageName: LAUNCHER,
    ...fields,
  };
}

const launcherIcon = (index: number, name: string, box: readonly [number, number, number, number]) =>
  homeElement(index, { text: name, contentDescription: name, box, isClickable: true, isLongClickable: true });

/** The same home screen as a T3A element list (`initialState.data.elementList: "t3a"`). */
export const DEFAULT_T3A_ELEMENT_LIST_HOME = renderT3aScreen([
  homeElement(0, {
    className: 'android.widget.FrameLayout',
    resourceName: `${LAUNCHER}:id/workspace`,
    box: [0, 0, 1080, 2400],
    isScrollable: true,
  }),
  launcherIcon(1, 'Phone', [77, 1924, 245, 2126]),
  launcherIcon(2, 'Messages', [322, 1924, 490, 2126]),
  launcherIcon(3, 'Chrome', [590, 1924, 758, 2126]),
  launcherIcon(4, 'Camera', [835, 1924, 1003, 2126]),
  homeElement(5, {
    className: 'android.widget.FrameLayout',
    contentDescription: 'Search',
    resourceName: `${LAUNCHER}:id/search_container_hotseat`,
    box: [66, 2170, 1014, 2304],
    isClickable: true,
  }),
  homeElement(6, {
    text: '9:41',
    contentDescription: '9:41 AM',
    packageName: 'com.android.systemui',
    resourceName: 'com.android.systemui:id/clock',
    box: [63, 24, 161, 108],
  }),
]);

/** The same home screen as a phone-invoke phone state. */
export const DEFAULT_PHONE_STATE_HOME = [
  `- App: Pixel Launcher (${LAUNCHER})`,
  '- Keyboard: Hidden',
  '- Focused Element: None',
  'Clickable elements:',
  '1. android.widget.TextView: , Phone - (77,1924,245,2126)',
  '2. android.widget.TextView: , Messages - (322,1924,490,2126)',
  '3. android.widget.TextView: , Chrome - (590,1924,758,2126)',
  '4. android.widget.TextView: , Camera - (835,1924,1003,2126)',
  `5. android.widget.FrameLayout: ${LAUNCHER}:id/search_container_hotseat,  - (66,2170,1014,2304)`,
].join('\n');

export function defaultAndroidHomeScreen(
  dialect: AndroidDialect,
  elementList: 'm3a' | 't3a' = 'm3a',
): string {
  if (dialect === 'phone-invoke') return DEFAULT_PHONE_STATE_HOME;
  return elementList === 't3a' ? DEFAULT_T3A_ELEMENT_LIST_HOME : DEFAULT_ELEMENT_LIST_HOME;
}

/** The screen before the first action: `initialState.text` (without a state heading), or the default home screen. */
export function androidInitialObservation(spec: WorldSpec): string {
  const text = spec.initialState.text;
  if (text !== undefined && text.trim().length > 0) return screenBody(text);
  return defaultAndroidHomeScreen(androidDialectOf(spec), androidElementListFormatOf(spec));
}
