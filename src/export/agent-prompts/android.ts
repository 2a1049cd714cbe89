/**
 * The android harnesses from their policy's side, after the text agent prompts of AndroidWorld
 * (google-research/android_world d9c569f, `android_world/agents/t3a.py` and `m3a.py`: the role, the action
 * list, the goal, the screen's element list, then the request for the next action) in our words.
 * - androidworld: JSONAction replies written as `Action: {json}` (the reason the agents write first is not
 *   recorded);
 * - phone-invoke: the `<invoke name="phone">` call with one `<parameter>` per field.
 */
import type { SessionRecord } from '../../core/turn.js';
import { type AgentHarness, plainAction, taskText } from './types.js';

const ANDROIDWORLD_ACTIONS = [
  '- open an app: {"action_type": "open_app", "app_name": <name>}',
  '- tap or long-press an element: {"action_type": "click" | "long_press", "index": <element index>}',
  '- type into a field: {"action_type": "input_text", "text": <text>, "index": <element index>}',
  '- scroll: {"action_type": "scroll", "direction": "up" | "down" | "left" | "right"}',
  '- system keys: {"action_type": "navigate_back"}, {"action_type": "navigate_home"}, {"action_type": "keyboard_enter"}',
  '- wait for the screen: {"action_type": "wait"}',
  '- answer the user: {"action_type": "answer", "text": <answer>}',
  '- finish: {"action_type": "status", "goal_status": "complete" | "infeasible"}',
].join('\n');

const PHONE_ACTIONS = [
  'Call the phone tool as <invoke name="phone"> with one <parameter name="..."> per field:',
  '- action: click | long_press | type | swipe | open_app | system_button',
  '- index (an element of the list), text (to type, or the app to open), coordinate / coordinate2 ([x, y]),',
  '  duration, button (back | home | enter)',
].join('\n');

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A phone-invoke action as its `<invoke>` call. */
export function renderPhoneInvoke(action: unknown): string {
  if (!isRecord(action)) return plainAction(action);
  const parameters = Object.entries(action).map(
    ([name, value]) =>
      `<parameter name="${name}">${typeof value === 'string' ? value : JSON.stringify(value)}</parameter>`,
  );
  return ['<invoke name="phone">', ...parameters, '</invoke>'].join('\n');
}

export function androidHarness(record: SessionRecord): AgentHarness {
  const phone = record.spec.dialect === 'phone-invoke';
  return {
    name: phone ? 'phone-invoke' : 'androidworld (text agent)',
    opening: {
      system: [
        'You operate an Android phone for a user. Each step you see the elements of the current screen; choose one',
        'action that brings the user closer to the goal.',
        '',
        'Actions:',
        phone ? PHONE_ACTIONS : ANDROIDWORLD_ACTIONS,
      ].join('\n'),
      user: [
        `The user's goal: ${taskText(record)}`,
        '',
        'The current screen:',
        record.initialObservation,
        '',
        phone ? 'What is the next action?' : 'What is the next action? Answer as `Action: {json}`.',
      ].join('\n'),
    },
    renderAction: (action) =>
      phone
        ? renderPhoneInvoke(action)
        : `Action: ${typeof action === 'string' ? action : JSON.stringify(action)}`,
    observe: (turn) => turn.observation,
  };
}
