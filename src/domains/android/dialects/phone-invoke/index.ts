/**
 * The phone-invoke dialect: `<invoke name="phone">` calls (actions.ts, over invoke-xml.ts) acting on the phone
 * state (parse.ts reads it), and its part of the system prompt.
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
export { PHONE_INVOKE_ACTION_SPACE, PHONE_STATE_FORMAT } from './system-prompt.js';
