/** The computer13 dialect's part of the os system prompt: its action space (the observation, the accessibility
 * table, is the same for both dialects and described in ../../system-prompt.ts). */
export const COMPUTER13_ACTION_SPACE = [
  'Each action is one JSON object `{"action_type": TYPE, "parameters": {...}}`. The types are:',
  '- `MOVE_TO` {x, y}: move the pointer; `CLICK` {x?, y?, button?, num_clicks?}: click (at the pointer when x',
  '  and y are absent); `RIGHT_CLICK` {x?, y?} and `DOUBLE_CLICK` {x?, y?};',
  '- `MOUSE_DOWN` {button?} and `MOUSE_UP` {button?}: press or release a mouse button; `DRAG_TO` {x, y}: drag',
  '  from the pointer to the point with the left button held;',
  '- `SCROLL` {dx, dy}: scroll what is under the pointer (positive dy scrolls up);',
  '- `TYPING` {text}: type text into the focused element; `PRESS` {key}, `KEY_DOWN` {key}, `KEY_UP` {key} and',
  '  `HOTKEY` {keys: [...]} press keys and combinations;',
  '- `WAIT`: the agent waits; `FAIL`: the agent declares the task impossible; `DONE`: the task is finished. FAIL',
  '  and DONE do nothing on the desktop: return the state unchanged.',
].join('\n');
