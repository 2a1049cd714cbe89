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

const AppCrashParams = z
  .object({
    /** The app that crashes; empty: the app in front. */
    app: z.string().max(80).default(''),
  })
  .strict();

const CRASHED = /keeps stopping|has stopped|stopped working|has crashed/i;

/** The app in front crashes: Android's "keeps stopping" dialog appears. */
export const appCrash = definePerturbation({
  id: 'app-crash',
  title: 'App crash',
  description:
    'The app in front crashes while handling the action: Android shows "APP keeps stopping" with App info and Close app; what the action would have done is lost.',
  params: AppCrashParams,
  overridesChecks: {
    'foreground-app':
      'the system\'s "keeps stopping" dialog is in front of the app open_app asked for, which crashed',
  },
  appliesTo: (_params, context) => context.action === undefined || !isFinalAction(context.action),
  instruction: (params) => {
    const app = params.app === '' ? 'The app in front' : `"${params.app}"`;
    return `${app} crashes while handling the action (nothing the action would have saved is kept): Android shows its crash dialog titled "APP keeps stopping" (APP being the app's name, res android:id/alertTitle) with the buttons "App info" (android:id/aerr_app_info) and "Close app" (android:id/aerr_close). In an element list these come after the app's elements and before the status bar; in a phone state the App line becomes Android System (android) and only the two buttons are listed. Close app returns to the home screen.`;
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
          text: `${foregroundLabel(params.app, screen)} keeps stopping`,
          resourceId: 'android:id/alertTitle',
          bounds: layout.text(0),
        },
      ],
      buttons: [
        {
          className: 'android.widget.Button',
          text: 'App info',
          resourceId: 'android:id/aerr_app_info',
          bounds: layout.button(0),
          flags: ['clickable'],
        },
        {
          className: 'android.widget.Button',
          text: 'Close app',
          resourceId: 'android:id/aerr_close',
          bounds: layout.button(1),
          flags: ['clickable'],
        },
      ],
    });
  },
  manifested: (_params, context) => {
    const screen = parseScreen(context);
    const texts = textsOf(screen).map((text) => text.trim().toLowerCase());
    // A phone state lists only clickable elements: the crash dialog shows as Android System's buttons.
    if (screen.format === 'phone-state' && ownedBySystem(screen)) {
      return texts.includes('close app') && (texts.includes('app info') || texts.includes('open app again'));
    }
    return texts.some((text) => CRASHED.test(text));
  },
});
