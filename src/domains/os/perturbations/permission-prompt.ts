import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import { parseDesktopTable } from '../accessibility-table.js';
import {
  actsOnDesktop,
  appendRows,
  dialogRows,
  hasButton,
  nodesShowing,
  screenOf,
} from './desktop-overlay.js';

const PermissionPromptParams = z
  .object({
    /** What the privileged action is, completing "Authentication is required to …". */
    purpose: z.string().min(1).max(200).default('change system settings'),
    /** The account whose password is asked for. */
    account: z.string().min(1).max(80).default('user'),
  })
  .strict();

/** A polkit authentication dialog asks for a password before a privileged action. */
export const permissionPrompt = definePerturbation({
  id: 'permission-prompt',
  title: 'Authentication required',
  description:
    'A polkit "Authentication Required" dialog asks for the password before a privileged action can go on (password field, Cancel and Authenticate buttons); the action waits until it is answered.',
  params: PermissionPromptParams,
  appliesTo: (_params, context) => actsOnDesktop(context),
  instruction: (params) =>
    `The action needs administrator rights, so GNOME's authentication dialog appears and the action waits: rows after the others for a \`dialog\` named "Authentication Required" (class gnome-shell), the labels "Authentication is required to ${params.purpose}." and "${params.account}", a \`password-text\` row named "Password" holding the focus, and the push-buttons "Cancel" and "Authenticate". Nothing else changes until it is answered.`,
  render: (params, context) =>
    appendRows(
      context.observation,
      dialogRows({
        screen: screenOf(context),
        title: 'Authentication Required',
        className: 'gnome-shell',
        lines: [`Authentication is required to ${params.purpose}.`, params.account],
        extra: [{ tag: 'password-text', name: 'Password' }],
        buttons: ['Cancel', 'Authenticate'],
      }),
    ),
  manifested: (_params, context) =>
    nodesShowing(context.observation, /authentication (?:is )?required/i).length > 0 &&
    (hasButton(context.observation, ['Authenticate']) ||
      parseDesktopTable(context.observation).nodes.some((node) => node.tag === 'password-text')),
});
