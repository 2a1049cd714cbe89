import type { PerturbationContext } from '../../../core/perturbation.js';
import { accessedPaths, resolveAgainst, writeTargets } from './file-errors.js';
import { setupOf } from './screen-blocks.js';
import {
  actionCommands,
  baseName as fileName,
  type ShellCommandInfo,
  writtenRedirects,
} from './shell-commands.js';

/** Whether an operand as typed names the same file as `path` (equal, or the same absolute path). */
export function samePath(operand: string, path: string, cwd: string): boolean {
  if (operand === path) return true;
  const left = operand.replace(/\/+$/, '');
  const right = path.replace(/\/+$/, '');
  if (left === right) return true;
  return resolveAgainst(cwd, left) === resolveAgainst(cwd, right);
}

/** The paths a command reads, enters or writes, as typed. */
export function touchedPaths(command: ShellCommandInfo, cwd: string): string[] {
  const written = writeTargets(command, cwd).length > 0 ? writtenRedirects(command) : [];
  return [...new Set([...accessedPaths(command), ...written])];
}

/**
 * The path a path perturbation is about: the one its parameters name, or else the first path the action's
 * commands touch (for which `usable` holds). Undefined when neither exists.
 */
export function targetPath(
  named: string,
  context: PerturbationContext,
  usable: (command: ShellCommandInfo, path: string) => boolean,
): string | undefined {
  if (named !== '') return named;
  const cwd = setupOf(context.spec).cwd;
  for (const command of actionCommands(context.action)) {
    const path = touchedPaths(command, cwd).find((candidate) => usable(command, candidate));
    if (path !== undefined) return path;
  }
  return undefined;
}

/** A pattern that finds the path, or its last component, in an observation. */
export function pathPattern(path: string): string {
  const last = fileName(path.replace(/\/+$/, '')) || path;
  return last.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
