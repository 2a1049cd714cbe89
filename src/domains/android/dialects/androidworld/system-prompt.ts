/** The androidworld dialect's part of the android system prompt: its action space and its screen representation. */

/** The action space: AndroidWorld's JSONActions. */
export const ANDROIDWORLD_ACTION_SPACE = [
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

/** The screen as M3A's element list (the default). */
export const M3A_ELEMENT_LIST_FORMAT = [
  "The screen is AndroidWorld's list of UI elements, one description per line in view-tree order:",
  '`UI element i: {"index": i, "text": "…", "content_description": "…", "is_clickable": True, "is_long_clickable":',
  'False, "is_editable": False, "is_selected": False, "is_checked": False}`. `text`, `content_description`,',
  '`hint_text` and `tooltip` appear only when not empty; `"is_scrollable": True` and `"is_focusable": True` follow',
  "`is_editable` only when true. `i` is the element's place among all elements of the view tree; elements that are",
  'not shown (off screen or without size) are left out, so the numbers may have gaps. System UI (status bar) and',
  'keyboard elements come last.',
].join('\n');

/** The screen as T3A's element list (`initialState.data.elementList: "t3a"`). */
export const T3A_ELEMENT_LIST_FORMAT = [
  "The screen is AndroidWorld's T3A list of UI elements, one line per element in view-tree order:",
  "`UI element i: UIElement(text='Save', content_description=None, class_name='android.widget.Button', bbox=None,",
  'bbox_pixels=BoundingBox(x_min=864, x_max=1038, y_min=146, y_max=244), hint_text=None, is_checked=False,',
  'is_checkable=False, is_clickable=True, is_editable=False, is_enabled=True, is_focused=False, is_focusable=True,',
  'is_long_clickable=False, is_scrollable=False, is_selected=False, is_visible=True,',
  "package_name='<package>', resource_name='<package>:id/<name>', tooltip=None, resource_id=None)`: every field, in",
  "this order, as Python prints it (None when unset, strings in quotes). `i` is the element's place among all",
  'elements of the view tree; elements that are not shown are left out, so the numbers may have gaps.',
].join('\n');
