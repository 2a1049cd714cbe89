/** The phone-invoke dialect's part of the android system prompt: its action space and its screen representation. */

/** The action space: `<invoke name="phone">` calls. */
export const PHONE_INVOKE_ACTION_SPACE = [
  'Each action is one `<invoke name="phone">` call whose `action` parameter is one of:',
  '- `click`, `long_press`: on the element numbered `index` in the clickable-element list, or at `coordinate` [x, y];',
  '  `duration` (milliseconds) is how long a long press lasts.',
  '- `type`: type `text` into the focused field (or the element `index`).',
  '- `swipe`: a finger swipe from `coordinate` to `coordinate2`, lasting `duration` milliseconds.',
  '- `open_app`: launch the app named by `text` and bring it to the front.',
  '- `system_button`: press the system `button` back, home or enter.',
  'A `<invoke name="remember">` call before the phone call only stores a note for the agent: it changes nothing on',
  'the device.',
].join('\n');

/** The screen as the phone state. */
export const PHONE_STATE_FORMAT = [
  'The screen is the phone state: a `- App:` line with the app name and its package in parentheses, a',
  '`- Keyboard:` line (Hidden or Shown), a `- Focused Element:` line, then the numbered list of clickable elements,',
  'one per line as `i. <class>: <resource id>, <text> - (x1,y1,x2,y2)`, numbered again on every screen from the',
  'same first number and without gaps.',
].join('\n');
