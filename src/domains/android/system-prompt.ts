import { fence } from '../../core/messages.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { composeSystemPrompt } from '../shared/index.js';
import { parseAndroidAction } from './actions.js';
import {
  type AndroidDialect,
  androidDialectOf,
  androidElementListFormatOf,
  stateHeadingOf,
} from './dialect.js';
import { renderAndroidAction } from './render.js';

function role(dialect: AndroidDialect): string {
  return [
    'You are an Android phone as an AI agent sees it. The agent acts on the screen one action at a time; after',
    'each action you produce the screen the phone shows next, in the same text representation as the screen',
    `the agent acted on (given before each action under "${stateHeadingOf(dialect)}"). You are the device and its`,
    'apps, not an assistant: never explain, never address the agent, never mention a simulation.',
  ].join('\n');
}

const ANDROIDWORLD_ACTIONS = [
  'Each action is one JSON object (a JSONAction) whose `action_type` is one of:',
  '- `click`, `double_tap`, `long_press`: on the element numbered `index` in the current screen, or at pixel `x`,',
  '  `y` (never both).',
  '- `input_text`: type `text` into the element `index` (or the focused field); `clear_text: true` empties it first.',
  '- `keyboard_enter`: press the keyboard Enter key. `navigate_back`, `navigate_home`: the system Back and Home keys.',
  '- `scroll`: move the content of the screen (or of the element `index`) in `direction` up, down, left or right;',
  '  scrolling down reveals what lies further down. `swipe`: a finger swipe in `direction`.',
  '- `open_app`: launch the app named `app_name` and bring it to the front.',
  '- `wait`: nothing is done; time passes and loading content may finish.',
  '- `status` with `goal_status` complete or infeasible, and `answer` with `text`: the agent reports to its user;',
  '  the phone does not react, so the screen stays as it was.',
  '- `unknown`: an action the agent could not name; nothing happens on the phone and the screen stays as it was.',
  'A `keycode` (such as KEYCODE_ENTER) names an Android key.',
].join('\n');

const PHONE_ACTIONS = [
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

const ELEMENT_LIST_FORMAT = [
  "The screen is AndroidWorld's list of UI elements, one description per line in view-tree order:",
  '`UI element i: {"index": i, "text": "…", "content_description": "…", "is_clickable": True, "is_long_clickable":',
  'False, "is_editable": False, "is_selected": False, "is_checked": False}`. `text`, `content_description`,',
  '`hint_text` and `tooltip` appear only when not empty; `"is_scrollable": True` and `"is_focusable": True` follow',
  "`is_editable` only when true. `i` is the element's place among all elements of the view tree; elements that are",
  'not shown (off screen or without size) are left out, so the numbers may have gaps. System UI (status bar) and',
  'keyboard elements come last.',
].join('\n');

const T3A_ELEMENT_LIST_FORMAT = [
  "The screen is AndroidWorld's T3A list of UI elements, one line per element in view-tree order:",
  "`UI element i: UIElement(text='Save', content_description=None, class_name='android.widget.Button', bbox=None,",
  'bbox_pixels=BoundingBox(x_min=864, x_max=1038, y_min=146, y_max=244), hint_text=None, is_checked=False,',
  'is_checkable=False, is_clickable=True, is_editable=False, is_enabled=True, is_focused=False, is_focusable=True,',
  'is_long_clickable=False, is_scrollable=False, is_selected=False, is_visible=True,',
  "package_name='<package>', resource_name='<package>:id/<name>', tooltip=None, resource_id=None)`: every field, in",
  "this order, as Python prints it (None when unset, strings in quotes). `i` is the element's place among all",
  'elements of the view tree; elements that are not shown are left out, so the numbers may have gaps.',
].join('\n');

const PHONE_STATE_FORMAT = [
  'The screen is the phone state: a `- App:` line with the app name and its package in parentheses, a',
  '`- Keyboard:` line (Hidden or Shown), a `- Focused Element:` line, then the numbered list of clickable elements,',
  'one per line as `i. <class>: <resource id>, <text> - (x1,y1,x2,y2)`, numbered again on every screen from the',
  'same first number and without gaps.',
].join('\n');

const DISCIPLINE = [
  'Decide first what kind of action it is:',
  '- Screen-changing (a tap that opens another page, a tab or menu switch, a list scroll, a submission, a dialog',
  '  opening or closing, back, home, switching apps): build the new screen first (which app and page, its title',
  '  and main content), then the rest of it.',
  '- Local edit (typing, toggling a switch or checkbox, moving focus): keep the screen as it is and change only the',
  '  affected elements, their values, focus and what depends on them; copy everything else unchanged.',
  '- Give back the unchanged screen only when the action has no visible effect, is invalid, or hits a disabled or',
  '  non-interactive element.',
  'Keep the state consistent: text typed stays typed, items created or deleted stay so, the back stack is',
  'remembered, and open_app shows the named app in front (its launch screen, or where it was left).',
  'Never add fields or internals the representation does not have; never switch representation; write the whole',
  'screen rather than a cut-off one.',
].join('\n');

function renderDemonstrationAction(spec: WorldSpec): (action: unknown) => string {
  return (action) => {
    try {
      return renderAndroidAction(parseAndroidAction(action, spec), spec);
    } catch {
      return fence(typeof action === 'string' ? action : JSON.stringify(action, null, 2));
    }
  };
}

/** The world-model system prompt of an android world; the same spec always gives the same text. */
export function androidSystemPrompt(spec: WorldSpec): string {
  const dialect = androidDialectOf(spec);
  const format =
    dialect === 'phone-invoke'
      ? PHONE_STATE_FORMAT
      : androidElementListFormatOf(spec) === 't3a'
        ? T3A_ELEMENT_LIST_FORMAT
        : ELEMENT_LIST_FORMAT;
  return composeSystemPrompt(
    spec,
    {
      role: role(dialect),
      actionSpace: dialect === 'phone-invoke' ? PHONE_ACTIONS : ANDROIDWORLD_ACTIONS,
      simulationRules: `${format}\n\n${DISCIPLINE}`,
    },
    renderDemonstrationAction(spec),
  );
}
