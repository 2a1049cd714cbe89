import type { PythonValue } from '../shared/python-calls.js';
import type { DesktopPoint } from './accessibility-table.js';
import { isComputer13Action, type OsAction } from './actions.js';
import type { PyautoguiCall } from './dialects/pyautogui/index.js';

export type PointerEventKind = 'click' | 'move' | 'drag' | 'press' | 'release' | 'scroll';

/** A pointer event of an action, where it happened (null: at an unknown pointer position). */
export interface PointerEvent {
  readonly kind: PointerEventKind;
  readonly point: DesktopPoint | null;
  readonly button?: string;
}

/** What an action does, as far as it can be read without running it. */
export interface OsActionTrace {
  readonly events: readonly PointerEvent[];
  /** Text typed (typewrite/write/TYPING). */
  readonly typed: string;
  /** Keys pressed, single or as hotkey combinations joined with `+`. */
  readonly keys: readonly string[];
  /** Where the pointer is after the action (null when unknown). */
  readonly pointer: DesktopPoint | null;
  readonly special?: 'WAIT' | 'FAIL' | 'DONE';
}

function numberOr(value: PythonValue | undefined, fallback: number | undefined): number | undefined {
  return typeof value === 'number' ? value : fallback;
}

function pointOf(
  x: number | undefined,
  y: number | undefined,
  pointer: DesktopPoint | null,
): DesktopPoint | null {
  if (x === undefined && y === undefined) return pointer;
  const resolvedX = x ?? pointer?.x;
  const resolvedY = y ?? pointer?.y;
  return resolvedX === undefined || resolvedY === undefined ? null : { x: resolvedX, y: resolvedY };
}

function keysOf(value: PythonValue | undefined): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

function tracePyautoguiCall(
  call: PyautoguiCall,
  state: { pointer: DesktopPoint | null; events: PointerEvent[]; typed: string; keys: string[] },
): void {
  const args = call.arguments;
  const x = numberOr(args.x, undefined);
  const y = numberOr(args.y, undefined);
  const button = typeof args.button === 'string' ? args.button : undefined;
  const at = (): DesktopPoint | null => pointOf(x, y, state.pointer);
  const push = (kind: PointerEventKind, point: DesktopPoint | null, pressed?: string): void => {
    state.events.push(pressed === undefined ? { kind, point } : { kind, point, button: pressed });
    if (point !== null || kind === 'move') state.pointer = point;
  };
  switch (call.function) {
    case 'pyautogui.click':
      if (args.clicks === 0) push('move', at());
      else push('click', at(), button ?? 'left');
      break;
    case 'pyautogui.doubleClick':
    case 'pyautogui.tripleClick':
      push('click', at(), button ?? 'left');
      break;
    case 'pyautogui.rightClick':
      push('click', at(), 'right');
      break;
    case 'pyautogui.middleClick':
      push('click', at(), 'middle');
      break;
    case 'pyautogui.moveTo':
      push('move', at());
      break;
    case 'pyautogui.moveRel': {
      const pointer = state.pointer;
      const dx = numberOr(args.xOffset, 0) ?? 0;
      const dy = numberOr(args.yOffset, 0) ?? 0;
      push('move', pointer === null ? null : { x: pointer.x + dx, y: pointer.y + dy });
      break;
    }
    case 'pyautogui.dragTo':
      push('drag', at(), button ?? 'left');
      break;
    case 'pyautogui.mouseDown':
      push('press', at(), button ?? 'left');
      break;
    case 'pyautogui.mouseUp':
      push('release', at(), button ?? 'left');
      break;
    case 'pyautogui.scroll':
    case 'pyautogui.hscroll':
    case 'pyautogui.vscroll':
      push('scroll', at());
      break;
    case 'pyautogui.typewrite':
    case 'pyautogui.write':
      if (typeof args.message === 'string') state.typed += args.message;
      else state.keys.push(...keysOf(args.message));
      break;
    case 'pyautogui.press':
    case 'pyautogui.keyDown':
      state.keys.push(...keysOf(args.keys ?? args.key));
      break;
    case 'pyautogui.hotkey':
      state.keys.push(keysOf(args.keys).join('+'));
      break;
    case 'pyautogui.keyUp':
    case 'time.sleep':
      break;
  }
}

/** Follows an action's pointer, typing and keys from the pointer position before it. */
export function traceOsAction(action: OsAction, pointer: DesktopPoint | null): OsActionTrace {
  const state = { pointer, events: [] as PointerEvent[], typed: '', keys: [] as string[] };
  if (isComputer13Action(action)) {
    const p = action.parameters as Record<string, unknown>;
    const x = typeof p.x === 'number' ? p.x : undefined;
    const y = typeof p.y === 'number' ? p.y : undefined;
    const at = pointOf(x, y, pointer);
    switch (action.action_type) {
      case 'MOVE_TO':
        return { ...state, pointer: at, events: [{ kind: 'move', point: at }] };
      case 'CLICK':
      case 'DOUBLE_CLICK':
      case 'RIGHT_CLICK': {
        const button =
          action.action_type === 'RIGHT_CLICK' ? 'right' : typeof p.button === 'string' ? p.button : 'left';
        return { ...state, pointer: at, events: [{ kind: 'click', point: at, button }] };
      }
      case 'DRAG_TO':
        return { ...state, pointer: at, events: [{ kind: 'drag', point: at, button: 'left' }] };
      case 'MOUSE_DOWN':
        return { ...state, events: [{ kind: 'press', point: pointer }] };
      case 'MOUSE_UP':
        return { ...state, events: [{ kind: 'release', point: pointer }] };
      case 'SCROLL':
        return { ...state, events: [{ kind: 'scroll', point: pointer }] };
      case 'TYPING':
        return { ...state, typed: action.parameters.text };
      case 'PRESS':
      case 'KEY_DOWN':
        return { ...state, keys: [action.parameters.key] };
      case 'HOTKEY':
        return { ...state, keys: [action.parameters.keys.join('+')] };
      case 'KEY_UP':
        return state;
      case 'WAIT':
      case 'FAIL':
      case 'DONE':
        return { ...state, special: action.action_type };
    }
  }
  if (action.type !== 'code') return { ...state, special: action.type };
  for (const call of action.calls) tracePyautoguiCall(call, state);
  return state;
}
