import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import { isFinalAction } from './permission-dialog.js';
import {
  dialogLayout,
  foregroundLabel,
  ownedBySystem,
  parseScreen,
  screenSize,
  showDialog,
  textsOf,
} from './screen-overlay.js';

const AppNotRespondingParams = z
  .object({
    /** The app that hangs; empty: the app in front. */
    app: z.string().max(80).default(''),
  })
  .strict();

const NOT_RESPONDING = /isn['’]t responding|is not responding|not responding/i;

/** The app in front hangs: Android's "isn't responding" (ANR) dialog appears. */
export const appNotResponding = definePerturbation({
  id: 'app-not-responding',
  title: 'App not responding (ANR)',
  description:
    'The app in front hangs on the main thread: Android shows the "APP isn\'t responding" dialog with Close app and Wait, and the app ignores input until one is chosen.',
  params: AppNotRespondingParams,
  overridesChecks: {
    'foreground-app': 'the system\'s "isn\'t responding" dialog is in front of the app open_app asked for',
  },
  appliesTo: (_params, context) => context.action === undefined || !isFinalAction(context.action),
  instruction: (params) => {
    const app = params.app === '' ? 'The app in front' : `"${params.app}"`;
    return `${app} stops responding and the action has no effect in it: Android's ANR dialog appears, titled "APP isn't responding" (APP being the app's name, res android:id/alertTitle), with the buttons "Close app" (android:id/aerr_close) and "Wait" (android:id/aerr_wait). In an element list its elements come after the app's and before the status bar; in a phone state the App line becomes Android System (android) and only those two buttons are listed. Wait keeps the app frozen; Close app returns to the home screen.`;
  },
  render: (params, context) => {
    const screen = parseScreen(context);
    const layout = dialogLayout(screenSize(screen), { texts: 1, buttons: 2, stacked: true });
    return showDialog(context, {
      owner: { label: 'Android System', packageName: 'android' },
      panel: {
        className: 'android.widget.FrameLayout',
        resourceId: 'android:id/content',
        bounds: layout.panel,
      },
      texts: [
        {
          className: 'android.widget.TextView',
          text: `${foregroundLabel(params.app, screen)} isn't responding`,
          resourceId: 'android:id/alertTitle',
          bounds: layout.text(0),
        },
      ],
      buttons: [
        {
          className: 'android.widget.Button',
          text: 'Close app',
          resourceId: 'android:id/aerr_close',
          bounds: layout.button(0),
          flags: ['clickable'],
        },
        {
          className: 'android.widget.Button',
          text: 'Wait',
          resourceId: 'android:id/aerr_wait',
          bounds: layout.button(1),
          flags: ['clickable'],
        },
      ],
    });
  },
  manifested: (_params, context) => {
    const screen = parseScreen(context);
    const texts = textsOf(screen).map((text) => text.trim().toLowerCase());
    const buttons = texts.includes('wait') && texts.includes('close app');
    // A phone state lists only clickable elements: the system dialog shows as Android System's two buttons.
    if (screen.format === 'phone-state' && ownedBySystem(screen)) return buttons;
    return texts.some((text) => NOT_RESPONDING.test(text)) && (buttons || texts.includes('wait'));
  },
});
