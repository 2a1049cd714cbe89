import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import { isFinalAction } from './permission-dialog.js';
import {
  formatOf,
  insertIntoElementList,
  parseScreen,
  screenSize,
  setPhoneBullet,
  textsOf,
} from './screen-overlay.js';

const NetworkErrorToastParams = z
  .object({
    /** What the toast says. */
    message: z.string().min(1).max(200).default('No internet connection'),
  })
  .strict();

const NETWORK_TROUBLE =
  /no internet|no (?:network )?connection|couldn['’]t connect|can['’]t connect|unable to connect|check your (?:internet |network )?connection|network error|you['’]re offline|connection (?:failed|timed out)/i;

/** The app cannot reach the network: a toast says so and nothing loads. */
export const networkErrorToast = definePerturbation({
  id: 'network-error-toast',
  title: 'Network error toast',
  description:
    'The device is offline: whatever the action tries to load does not arrive, and a toast at the bottom of the screen reports the connection problem.',
  params: NetworkErrorToastParams,
  appliesTo: (_params, context) => context.action === undefined || !isFinalAction(context.action),
  instruction: (params) =>
    `The device has no working network connection: anything this action would load or send does not arrive (lists stay as they were, spinners or empty states instead of new content), and a toast reading "${params.message}" shows near the bottom of the screen — in an element list an \`android.widget.Toast\` element with that text, placed after the app's elements and before the status bar; in a phone state a "- Toast: ${params.message}" line after the Focused Element line.`,
  render: (params, context) => {
    if (formatOf(context) === 'phone-state')
      return setPhoneBullet(context.observation, 'Toast', params.message);
    const { width, height } = screenSize(parseScreen(context));
    const half = Math.min(Math.round(width * 0.35), 26 * params.message.length);
    const centre = Math.round(width / 2);
    return insertIntoElementList(context.observation, [
      {
        className: 'android.widget.Toast',
        text: params.message,
        bounds: { x1: centre - half, y1: height - 372, x2: centre + half, y2: height - 252 },
      },
    ]);
  },
  manifested: (params, context) => {
    const screen = parseScreen(context);
    const texts = [...textsOf(screen), ...Object.values(screen.bullets)];
    const wanted = params.message.toLowerCase();
    return texts.some((text) => text.toLowerCase().includes(wanted) || NETWORK_TROUBLE.test(text));
  },
});
