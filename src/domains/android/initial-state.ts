import type { WorldSpec } from '../../core/world-spec.js';
import { type AndroidDialect, androidDialectOf } from './dialect.js';
import { screenBody } from './screen.js';

const LAUNCHER = 'com.google.android.apps.nexuslauncher';

/** A Pixel home screen as an androidworld element list, used when a spec gives no initial screen. */
export const DEFAULT_ELEMENT_LIST_HOME = [
  `[ 0] | android.widget.FrameLayout | text="" desc="" res="${LAUNCHER}:id/workspace" | bounds=[0,0][1080,2400] | scrollable`,
  '[ 1] | android.widget.TextView | text="Phone" desc="Phone" res="" | bounds=[77,1924][245,2126] | clickable, long_clickable',
  '[ 2] | android.widget.TextView | text="Messages" desc="Messages" res="" | bounds=[322,1924][490,2126] | clickable, long_clickable',
  '[ 3] | android.widget.TextView | text="Chrome" desc="Chrome" res="" | bounds=[590,1924][758,2126] | clickable, long_clickable',
  '[ 4] | android.widget.TextView | text="Camera" desc="Camera" res="" | bounds=[835,1924][1003,2126] | clickable, long_clickable',
  `[ 5] | android.widget.FrameLayout | text="" desc="Search" res="${LAUNCHER}:id/search_container_hotseat" | bounds=[66,2170][1014,2304] | clickable`,
  '[ 6] | android.widget.TextView | text="9:41" desc="9:41 AM" res="com.android.systemui:id/clock" | bounds=[63,24][161,108] | ',
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
