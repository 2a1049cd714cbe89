import { z } from 'zod';
import { definePerturbation, type PerturbationContext } from '../../../core/perturbation.js';
import {
  actionFailureMessages,
  type CommandFailure,
  renderCommandFailure,
  withExpectedLines,
} from './command-failure.js';
import { accessFailure, writeFailure, writeTargets } from './file-errors.js';
import { pathPattern, samePath, targetPath, touchedPaths } from './path-target.js';
import type { ShellCommandInfo } from './shell-commands.js';

const PermissionDeniedParams = z
  .object({
    /** The file or directory the agent may not use; empty: the first one the action touches. */
    path: z.string().default(''),
  })
  .strict();
type PermissionDeniedParams = z.output<typeof PermissionDeniedParams>;

function denied(command: ShellCommandInfo, path: string, cwd: string): readonly string[] | undefined {
  const typed = touchedPaths(command, cwd).find((candidate) => samePath(candidate, path, cwd));
  if (typed === undefined) return undefined;
  const writes = writeTargets(command, cwd).length > 0;
  return (
    accessFailure(command, typed, 'EACCES', { cwd }) ?? (writes ? writeFailure(command, 'EACCES') : undefined)
  );
}

function target(params: PermissionDeniedParams, context: PerturbationContext): string | undefined {
  return targetPath(params.path, context, (command, path) => denied(command, path, '/') !== undefined);
}

const failOn =
  (path: string | undefined): CommandFailure =>
  (command, site) =>
    path === undefined ? undefined : denied(command, path, site.cwd);

/** A file or directory the agent's user may not read, write or enter. */
export const permissionDenied = definePerturbation({
  id: 'permission-denied',
  title: 'Permission denied',
  description:
    'A file or directory belongs to another user: reading, writing, entering or running it fails with "Permission denied" (EACCES).',
  params: PermissionDeniedParams,
  appliesTo: (params, context) => actionFailureMessages(context, failOn(target(params, context))).length > 0,
  instruction: (params, context) => {
    const path = target(params, context);
    const subject = path === undefined ? 'The file or directory the command uses' : `\`${path}\``;
    return withExpectedLines(
      `${subject} is owned by another user and not accessible to the agent's user: any command that reads, writes, enters or runs it fails with EACCES exactly as the tool reports it (\`cat: FILE: Permission denied\`, \`bash: FILE: Permission denied\` for a redirect or a script, \`bash: cd: DIR: Permission denied\`, \`ls: cannot open directory 'DIR': Permission denied\`), and nothing else changes.`,
      actionFailureMessages(context, failOn(path)),
    );
  },
  render: (params, context) =>
    renderCommandFailure(context, failOn(target(params, context)), [
      `bash: ${target(params, context) ?? '.'}: Permission denied`,
    ]),
  manifested: (params, context) => {
    if (!/Permission denied|\[Errno 13\]|\bEACCES\b|Operation not permitted/.test(context.observation))
      return false;
    const path = target(params, context);
    return path === undefined || new RegExp(pathPattern(path)).test(context.observation);
  },
});
