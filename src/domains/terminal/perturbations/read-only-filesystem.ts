import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import {
  actionFailureMessages,
  type CommandFailure,
  renderCommandFailure,
  withExpectedLines,
} from './command-failure.js';
import { isUnder, writeFailure, writeTargets } from './file-errors.js';

const ReadOnlyFilesystemParams = z
  .object({
    /** The mount point that is read-only; writes elsewhere still work. */
    mount: z.string().startsWith('/').default('/'),
  })
  .strict();
type ReadOnlyFilesystemParams = z.output<typeof ReadOnlyFilesystemParams>;

const failWrites =
  (params: ReadOnlyFilesystemParams): CommandFailure =>
  (command, site) =>
    writeTargets(command, site.cwd).some((path) => isUnder(path, params.mount))
      ? writeFailure(command, 'EROFS')
      : undefined;

/** A file system is mounted read-only: creating, changing or removing files there fails with EROFS. */
export const readOnlyFilesystem = definePerturbation({
  id: 'read-only-filesystem',
  title: 'Read-only file system',
  description:
    'A mount is read-only: creating, writing, moving or removing files on it fails with "Read-only file system" (EROFS).',
  params: ReadOnlyFilesystemParams,
  appliesTo: (params, context) => actionFailureMessages(context, failWrites(params)).length > 0,
  instruction: (params, context) =>
    withExpectedLines(
      `The file system mounted at ${params.mount} is read-only: every command that creates, writes, moves or removes a file under it fails with EROFS as the tool prints it (\`bash: FILE: Read-only file system\` for a redirect, \`touch: cannot touch 'FILE': Read-only file system\`, \`mkdir: cannot create directory 'DIR': Read-only file system\`, \`rm: cannot remove 'FILE': Read-only file system\`), and nothing on disk changes; reading works normally.`,
      actionFailureMessages(context, failWrites(params)),
    ),
  render: (params, context) =>
    renderCommandFailure(context, failWrites(params), ['bash: write error: Read-only file system']),
  manifested: (_params, context) => /Read-only file system|\[Errno 30\]|\bEROFS\b/.test(context.observation),
});
