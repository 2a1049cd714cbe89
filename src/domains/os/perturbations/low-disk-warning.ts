import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import { actsOnDesktop, appendRows, dialogRows, nodesShowing, screenOf } from './desktop-overlay.js';

const LowDiskWarningParams = z
  .object({
    /** How much space is left, as the notification prints it. */
    remaining: z.string().min(1).max(40).default('512.0 MB'),
    /** The volume that is nearly full; empty: the computer's own disk. */
    volume: z.string().max(80).default(''),
  })
  .strict();
type LowDiskWarningParams = z.output<typeof LowDiskWarningParams>;

function message(params: LowDiskWarningParams): string {
  return params.volume === ''
    ? `This computer has only ${params.remaining} disk space remaining.`
    : `The volume “${params.volume}” has only ${params.remaining} disk space remaining.`;
}

/** GNOME's housekeeping notification that the disk is nearly full. */
export const lowDiskWarning = definePerturbation({
  id: 'low-disk-warning',
  title: 'Low disk space warning',
  description:
    'GNOME posts its "Low Disk Space" notification at the top of the screen (how much space remains, with Examine and Ignore buttons); saving large files may fail.',
  params: LowDiskWarningParams,
  appliesTo: (_params, context) => actsOnDesktop(context),
  instruction: (params) =>
    `A "Low Disk Space" notification from GNOME appears at the top centre of the screen: rows after the others for a \`notification\` named "Low Disk Space" (class gnome-shell), a label "${message(params)}" and the push-buttons "Examine" and "Ignore". The rest of the desktop is unchanged and still usable; the notification stays until dismissed.`,
  render: (params, context) =>
    appendRows(
      context.observation,
      dialogRows({
        screen: screenOf(context),
        tag: 'notification',
        title: 'Low Disk Space',
        className: 'gnome-shell',
        lines: [message(params)],
        buttons: ['Examine', 'Ignore'],
        y: 40,
      }),
    ),
  manifested: (params, context) =>
    nodesShowing(context.observation, /low disk space|disk space (?:is )?low/i).length > 0 &&
    nodesShowing(context.observation, /remaining|left|free/i).length +
      nodesShowing(context.observation, params.remaining).length >
      0,
});
