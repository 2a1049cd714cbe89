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

/** The screen as the phone state, in DroidRun's layout (fixtures.ts names the source). */
export const PHONE_STATE_FORMAT = [
  'The screen is the phone state: a `• **App:**` line with the app name and its package in parentheses, a',
  '`• **Keyboard:**` line (Hidden, or Visible while an editable field has the focus), a `• **Focused Element:**`',
  "line with the focused element's text in single quotes ('' when none), then the line `Current Clickable UI",
  "elements from the device in the schema 'index. className: resourceId, text - bounds(x1,y1,x2,y2)':` and one line",
  'per element, `i. ShortClass: "resource id", "text" - (x1,y1,x2,y2)`, where the text falls back to the content',
  'description, then the resource id, then the class name, and the resource id is left out when the element has',
  'none (`i. ShortClass: "text" - (x1,y1,x2,y2)`). Elements are numbered from 1 in tree order on every screen,',
  'without gaps. Other screens may write the same fields as `- App:` bullets and unquoted details; keep the layout',
  'the current state uses.',
].join('\n');
