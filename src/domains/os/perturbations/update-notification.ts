import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import {
  actsOnDesktop,
  appendRows,
  dialogRows,
  hasButton,
  nodesShowing,
  screenOf,
} from './desktop-overlay.js';

const UpdateNotificationParams = z
  .object({
    /** How much the updates download, as the updater prints it. */
    downloadSize: z.string().min(1).max(40).default('215.6 MB'),
  })
  .strict();

const BUTTONS = ['Settings…', 'Remind Me Later', 'Install Now'];

/** Ubuntu's Software Updater opens by itself, offering updates. */
export const updateNotification = definePerturbation({
  id: 'update-notification',
  title: 'Software update prompt',
  description:
    "Ubuntu's Software Updater window opens on its own over the desktop, announcing available updates with Settings…, Remind Me Later and Install Now buttons, and takes the focus.",
  params: UpdateNotificationParams,
  appliesTo: (_params, context) => actsOnDesktop(context),
  instruction: (params) =>
    `The Software Updater opens on its own and takes the focus: rows after the others for a \`frame\` named "Software Updater" (class update-manager), a label saying updated software is available for this computer and asking whether to install it now, a label "${params.downloadSize} will be downloaded.", and the push-buttons ${BUTTONS.map((button) => `"${button}"`).join(', ')}. Keystrokes of this action go to the updater, not to the window the agent was using.`,
  render: (params, context) =>
    appendRows(
      context.observation,
      dialogRows({
        screen: screenOf(context),
        tag: 'frame',
        title: 'Software Updater',
        className: 'update-manager',
        lines: [
          'Software updates are available for this computer. Install them now?',
          `${params.downloadSize} will be downloaded.`,
        ],
        buttons: BUTTONS,
        width: 560,
      }),
    ),
  manifested: (_params, context) =>
    nodesShowing(context.observation, /software updater|updates? (?:are |is )?available/i).length > 0 &&
    hasButton(context.observation, ['Install Now', 'Remind Me Later']),
});
