import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import { isFinalAction } from './permission-dialog.js';
import { dialogLayout, parseScreen, screenSize, showDialog, textsOf } from './screen-overlay.js';

const LowBatteryDialogParams = z
  .object({
    /** The charge left, in percent. */
    level: z.number().int().min(1).max(30).default(15),
  })
  .strict();

const SYSTEM_UI = 'com.android.systemui';

/** System UI warns that the battery is low and offers Battery Saver. */
export const lowBatteryDialog = definePerturbation({
  id: 'low-battery-dialog',
  title: 'Low battery dialog',
  description:
    'The battery runs low: System UI shows a dialog with the charge left, offering to turn on Battery Saver, over whatever the agent was doing.',
  params: LowBatteryDialogParams,
  overridesChecks: {
    'foreground-app': "System UI's battery dialog is in front of the app open_app asked for",
  },
  appliesTo: (_params, context) => context.action === undefined || !isFinalAction(context.action),
  instruction: (params) =>
    `The battery drops to ${params.level}%: System UI (${SYSTEM_UI}) shows a dialog over the screen titled "Turn on Battery Saver?" saying the battery is low with ${params.level}% left, with the buttons "Cancel" and "Turn on". The action itself has no effect until the dialog is answered. In an element list the dialog's elements come after the app's and before the status bar; in a phone state the App line becomes System UI (${SYSTEM_UI}) and only its buttons are listed.`,
  render: (params, context) => {
    const layout = dialogLayout(screenSize(parseScreen(context)), { texts: 2, buttons: 2 });
    return showDialog(context, {
      owner: { label: 'System UI', packageName: SYSTEM_UI },
      panel: {
        className: 'android.widget.FrameLayout',
        resourceId: `${SYSTEM_UI}:id/battery_saver_dialog`,
        bounds: layout.panel,
      },
      texts: [
        {
          className: 'android.widget.TextView',
          text: 'Turn on Battery Saver?',
          resourceId: 'android:id/alertTitle',
          bounds: layout.text(0),
        },
        {
          className: 'android.widget.TextView',
          text: `Battery is low: ${params.level}% left. Battery Saver limits background activity so it lasts longer.`,
          resourceId: 'android:id/message',
          bounds: layout.text(1),
        },
      ],
      buttons: [
        {
          className: 'android.widget.Button',
          text: 'Cancel',
          resourceId: 'android:id/button2',
          bounds: layout.button(0),
          flags: ['clickable'],
        },
        {
          className: 'android.widget.Button',
          text: 'Turn on',
          resourceId: 'android:id/button1',
          bounds: layout.button(1),
          flags: ['clickable'],
        },
      ],
    });
  },
  manifested: (_params, context) => {
    const screen = parseScreen(context);
    const texts = [...textsOf(screen), screen.app?.name ?? ''];
    return (
      texts.some((text) => /battery (?:is )?low|low battery|battery saver/i.test(text)) ||
      (screen.app?.packageName === SYSTEM_UI && texts.some((text) => /^turn on$/i.test(text.trim())))
    );
  },
});
