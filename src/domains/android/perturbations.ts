import type { AnyPerturbationDefinition } from '../../core/perturbation.js';
import { appCrash } from './perturbations/app-crash.js';
import { appNotResponding } from './perturbations/app-not-responding.js';
import { keyboardCoversField } from './perturbations/keyboard-covers-field.js';
import { lowBatteryDialog } from './perturbations/low-battery-dialog.js';
import { networkErrorToast } from './perturbations/network-error-toast.js';
import { permissionDialog } from './perturbations/permission-dialog.js';

export {
  appCrash,
  appNotResponding,
  keyboardCoversField,
  lowBatteryDialog,
  networkErrorToast,
  permissionDialog,
};

/**
 * The android domain's perturbation catalog. Each entry tells the world model which system dialog, toast or
 * keyboard state the phone shows, renders it deterministically into the dialect's screen (element-list rows
 * numbered again without gaps, or a phone state whose foreground window changes), and checks that a screen shows it.
 */
export const androidPerturbations: readonly AnyPerturbationDefinition[] = [
  permissionDialog,
  appNotResponding,
  networkErrorToast,
  keyboardCoversField,
  lowBatteryDialog,
  appCrash,
];
