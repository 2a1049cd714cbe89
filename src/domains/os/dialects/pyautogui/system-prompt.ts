/** The pyautogui dialect's part of the os system prompt: its action space (the observation, the accessibility
 * table, is the same for both dialects and described in ../../system-prompt.ts). */
export const PYAUTOGUI_ACTION_SPACE = [
  'Each action is Python code that drives the mouse and keyboard through pyautogui; the code is the action.',
  'Several statements may follow one another, on separate lines or separated by `;`. The calls used are:',
  '- `pyautogui.click(x, y, clicks=1, button="left")`, `doubleClick`, `tripleClick`, `rightClick`, `middleClick`:',
  '  press and release a button at the point (the current pointer position when x and y are left out);',
  '- `pyautogui.moveTo(x, y)` and `moveRel(dx, dy)` move the pointer (hover effects only);',
  '- `pyautogui.mouseDown()` / `mouseUp()` and `dragTo(x, y)` press, release, or drag with the button held;',
  '- `pyautogui.scroll(n)` scrolls what is under the pointer, up for positive n and down for negative n;',
  '  `hscroll(n)` scrolls sideways;',
  '- `pyautogui.write(text)` / `typewrite(text)` type text into the focused element, `\\n` pressing Enter;',
  '- `pyautogui.press(key)` presses a key (or each key of a list), `hotkey("ctrl", "c")` presses a combination,',
  '  `keyDown(key)` / `keyUp(key)` hold and release one;',
  '- `time.sleep(s)` waits.',
  'Three special actions are not code: `WAIT` (the agent waits; the desktop only shows what finishes meanwhile),',
  '`FAIL` (the agent declares the task impossible) and `DONE` (the agent declares the task finished). FAIL and',
  'DONE do nothing on the desktop: return the state unchanged.',
].join('\n');
