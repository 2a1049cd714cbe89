import type { AnyPerturbationDefinition } from '../../core/perturbation.js';
import { appCrash } from './perturbations/app-crash.js';
import { appNotResponding } from './perturbations/app-not-responding.js';
import { lockScreen } from './perturbations/lock-screen.js';
import { lowDiskWarning } from './perturbations/low-disk-warning.js';
import { modalDialog } from './perturbations/modal-dialog.js';
import { permissionPrompt } from './perturbations/permission-prompt.js';
import { updateNotification } from './perturbations/update-notification.js';

export {
  appCrash,
  appNotResponding,
  lockScreen,
  lowDiskWarning,
  modalDialog,
  permissionPrompt,
  updateNotification,
};

/**
 * The os domain's perturbation catalog. Each entry tells the world model which window, dialog or notification
 * the desktop shows, renders it deterministically into the OSWorld-style accessibility table (new windows as
 * rows after the others, positioned on the spec's screen), and checks that a table shows it.
 */
export const osPerturbations: readonly AnyPerturbationDefinition[] = [
  modalDialog,
  appNotResponding,
  lowDiskWarning,
  updateNotification,
  permissionPrompt,
  lockScreen,
  appCrash,
];
