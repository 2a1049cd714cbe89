import type { CommandFamily } from './command-family.js';
import {
  errorMissingFamily,
  errorNotFoundFamily,
  errorPermissionFamily,
  errorSyntaxFamily,
} from './error-families.js';
import {
  chmodFamily,
  cpFamily,
  lsFamily,
  mkdirFamily,
  mvFamily,
  rmFamily,
  touchFamily,
} from './file-families.js';
import {
  awkFamily,
  cutTrFamily,
  diffFamily,
  grepFamily,
  headTailFamily,
  sedFamily,
  sortUniqFamily,
  wcFamily,
} from './filter-families.js';
import { cdFamily, envFamily, ifFamily, loopFamily, scriptFamily } from './shell-families.js';
import { catFamily, echoFamily, pipeFamily, redirectFamily } from './text-families.js';

/** Every family of the training grammar, in a fixed order (the order is part of what a seed means). */
export const TRAINING_FAMILIES: readonly CommandFamily[] = [
  lsFamily,
  mkdirFamily,
  touchFamily,
  rmFamily,
  mvFamily,
  cpFamily,
  chmodFamily,
  echoFamily,
  catFamily,
  redirectFamily,
  pipeFamily,
  grepFamily,
  sedFamily,
  awkFamily,
  sortUniqFamily,
  cutTrFamily,
  headTailFamily,
  wcFamily,
  diffFamily,
  envFamily,
  cdFamily,
  loopFamily,
  ifFamily,
  scriptFamily,
  errorMissingFamily,
  errorPermissionFamily,
  errorNotFoundFamily,
  errorSyntaxFamily,
];

/** The names of the training families, as recorded in each turn's `datagen.family` event. */
export const TRAINING_FAMILY_NAMES: readonly string[] = TRAINING_FAMILIES.map((family) => family.name);
