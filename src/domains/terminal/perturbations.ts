import type { AnyPerturbationDefinition } from '../../core/perturbation.js';
import { commandHangs } from './perturbations/command-hangs.js';
import { commandNotFound } from './perturbations/command-not-found.js';
import { fileMissing } from './perturbations/file-missing.js';
import { networkUnreachable } from './perturbations/network-unreachable.js';
import { noSpaceLeft } from './perturbations/no-space-left.js';
import { oomKilled } from './perturbations/oom-killed.js';
import { permissionDenied } from './perturbations/permission-denied.js';
import { readOnlyFilesystem } from './perturbations/read-only-filesystem.js';

export {
  commandHangs,
  commandNotFound,
  fileMissing,
  networkUnreachable,
  noSpaceLeft,
  oomKilled,
  permissionDenied,
  readOnlyFilesystem,
};

/**
 * The terminal domain's perturbation catalog. Each entry tells the world model what to show, renders the same
 * condition deterministically into a real or recorded pane capture (prompt lines kept, the affected command's
 * output replaced by the tool's own error text), and checks that a screen shows it.
 */
export const terminalPerturbations: readonly AnyPerturbationDefinition[] = [
  noSpaceLeft,
  readOnlyFilesystem,
  permissionDenied,
  fileMissing,
  commandNotFound,
  networkUnreachable,
  commandHangs,
  oomKilled,
];
