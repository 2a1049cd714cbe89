import { fence } from '../../core/messages.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { type AndroidAction, isAndroidWorldAction } from './actions.js';
import { orderAndroidWorldAction } from './dialects/androidworld/index.js';
import { phoneInvokeActionText } from './dialects/phone-invoke/index.js';

/**
 * The action as it follows `**Action:**`: a JSONAction as 2-space JSON in a json fence; a phone call as its
 * `<invoke>` XML in an xml fence.
 */
export function renderAndroidAction(action: AndroidAction, _spec?: WorldSpec): string {
  if (isAndroidWorldAction(action)) {
    return fence(JSON.stringify(orderAndroidWorldAction(action), null, 2), 'json');
  }
  return fence(phoneInvokeActionText(action), 'xml');
}
