/**
 * The phone-invoke dialect: `<invoke name="phone">` calls (actions.ts, over invoke-xml.ts) acting on the phone
 * state (parse.ts reads it; render.ts writes it as DroidRun does), and its part of the system prompt. fixtures.ts
 * and conformance.test.ts check both: the phone state against DroidRun's source, the calls against the spec text.
 */
export {
  PHONE_ACTIONS,
  PHONE_BUTTONS,
  type PhoneInvokeAction,
  PhoneInvokeActionSchema,
  parsePhoneInvokeAction,
  phoneInvokeActionText,
} from './actions.js';
export { parsePhoneElementLine, parsePhoneState } from './parse.js';
export { type DroidRunNode, type DroidRunPhoneState, renderDroidRunPhoneState } from './render.js';
export { PHONE_INVOKE_ACTION_SPACE, PHONE_STATE_FORMAT } from './system-prompt.js';
