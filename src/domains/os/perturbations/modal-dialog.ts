import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import {
  actsOnDesktop,
  appendRows,
  dialogRows,
  foregroundWindow,
  hasButton,
  nodesShowing,
  screenOf,
} from './desktop-overlay.js';

const ModalDialogParams = z
  .object({
    /** The dialog's title. */
    title: z.string().min(1).max(120).default('Error'),
    /** The message it shows. */
    message: z.string().min(1).max(500).default('The operation could not be completed.'),
    /** Its buttons, left to right. */
    buttons: z.array(z.string().min(1).max(40)).min(1).max(4).default(['OK']),
  })
  .strict();

/** A modal dialog of the foreground application pops up and blocks it until dismissed. */
export const modalDialog = definePerturbation({
  id: 'modal-dialog',
  title: 'Modal dialog',
  description:
    'A modal dialog of the foreground application appears over its window (title, message, buttons) and blocks it: clicks elsewhere in the window do nothing until a button is pressed.',
  params: ModalDialogParams,
  appliesTo: (_params, context) => actsOnDesktop(context),
  instruction: (params) =>
    `A modal dialog titled "${params.title}" opens over the foreground window: the state lists it after the other rows as a \`dialog\` row named "${params.title}" (class column: the application), then a label with the message "${params.message}" and one \`push-button\` row per button (${params.buttons.map((button) => `"${button}"`).join(', ')}), centred on the screen. The window behind it keeps its rows but ignores input until a button is pressed, which closes the dialog.`,
  render: (params, context) => {
    const window = foregroundWindow(context.observation);
    return appendRows(
      context.observation,
      dialogRows({
        screen: screenOf(context),
        title: params.title,
        className: window?.frame.className || window?.app || '',
        lines: [params.message],
        buttons: params.buttons,
      }),
    );
  },
  manifested: (params, context) =>
    nodesShowing(context.observation, params.title).length > 0 &&
    (hasButton(context.observation, params.buttons) ||
      nodesShowing(context.observation, params.message).length > 0),
});
