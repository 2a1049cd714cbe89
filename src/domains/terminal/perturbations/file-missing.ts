import { z } from 'zod';
import { definePerturbation, type PerturbationContext } from '../../../core/perturbation.js';
import {
  actionFailureMessages,
  type CommandFailure,
  renderCommandFailure,
  withExpectedLines,
} from './command-failure.js';
import { accessedPaths, accessFailure } from './file-errors.js';
import { pathPattern, samePath, targetPath } from './path-target.js';
import type { ShellCommandInfo } from './shell-commands.js';

const FileMissingParams = z
  .object({
    /** The file or directory that does not exist; empty: the first one the action reads or enters. */
    path: z.string().default(''),
  })
  .strict();
type FileMissingParams = z.output<typeof FileMissingParams>;

function missing(command: ShellCommandInfo, path: string, cwd: string): readonly string[] | undefined {
  const typed = accessedPaths(command).find((candidate) => samePath(candidate, path, cwd));
  return typed === undefined ? undefined : accessFailure(command, typed, 'ENOENT', { cwd });
}

function target(params: FileMissingParams, context: PerturbationContext): string | undefined {
  return targetPath(params.path, context, (command, path) => missing(command, path, '/') !== undefined);
}

const failOn =
  (path: string | undefined): CommandFailure =>
  (command, site) =>
    path === undefined ? undefined : missing(command, path, site.cwd);

/** A file or directory the agent expects is not there. */
export const fileMissing = definePerturbation({
  id: 'file-missing',
  title: 'File missing',
  description:
    'A file or directory the agent relies on does not exist: reading, entering or running it fails with "No such file or directory" (ENOENT).',
  params: FileMissingParams,
  appliesTo: (params, context) => actionFailureMessages(context, failOn(target(params, context))).length > 0,
  instruction: (params, context) => {
    const path = target(params, context);
    const subject = path === undefined ? 'The file or directory the command reads' : `\`${path}\``;
    return withExpectedLines(
      `${subject} does not exist (it was never created, or was deleted): every command that reads, lists, enters or runs it fails with ENOENT as the tool reports it (\`cat: FILE: No such file or directory\`, \`ls: cannot access 'FILE': No such file or directory\`, \`bash: cd: DIR: No such file or directory\`, \`python3: can't open file '/abs/FILE': [Errno 2] No such file or directory\`), and an ls of its folder does not list it.`,
      actionFailureMessages(context, failOn(path)),
    );
  },
  render: (params, context) =>
    renderCommandFailure(context, failOn(target(params, context)), [
      `bash: ${target(params, context) ?? '.'}: No such file or directory`,
    ]),
  manifested: (params, context) => {
    if (!/No such file or directory|\[Errno 2\]|\bENOENT\b|cannot access/.test(context.observation))
      return false;
    const path = target(params, context);
    return path === undefined || new RegExp(pathPattern(path)).test(context.observation);
  },
});
