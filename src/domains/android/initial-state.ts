import type { WorldSpec } from '../../core/world-spec.js';
import { type AndroidDialect, androidDialectOf } from './dialect.js';
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

export function defaultAndroidHomeScreen(dialect: AndroidDialect): string {
  return dialect === 'phone-invoke' ? DEFAULT_PHONE_STATE_HOME : DEFAULT_ELEMENT_LIST_HOME;
}

/** The screen before the first action: `initialState.text` (without a state heading), or the default home screen. */
export function androidInitialObservation(spec: WorldSpec): string {
  const text = spec.initialState.text;
  if (text !== undefined && text.trim().length > 0) return screenBody(text);
  return defaultAndroidHomeScreen(androidDialectOf(spec));
}
