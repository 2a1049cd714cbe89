import { z } from 'zod';
import { definePerturbation } from '../../../core/perturbation.js';
import {
  actionFailureMessages,
  type CommandFailure,
  renderCommandFailure,
  withExpectedLines,
} from './command-failure.js';
import { isUnder, writeFailure, writeTargets } from './file-errors.js';

const NoSpaceLeftParams = z
  .object({
    /** The mount point that is full; writes elsewhere still work. */
    mount: z.string().startsWith('/').default('/'),
  })
  .strict();
type NoSpaceLeftParams = z.output<typeof NoSpaceLeftParams>;

const failWrites =
  (params: NoSpaceLeftParams): CommandFailure =>
  (command, site) =>
    writeTargets(command, site.cwd).some((path) => isUnder(path, params.mount))
      ? writeFailure(command, 'ENOSPC')
      : undefined;

/** The disk fills up: writes fail with ENOSPC. */
export const noSpaceLeft = definePerturbation({
  id: 'no-space-left',
  title: 'Disk full',
  description:
    'The file system is full: every command that writes a file fails with "No space left on device" (ENOSPC); reading still works.',
  params: NoSpaceLeftParams,
  appliesTo: (params, context) => actionFailureMessages(context, failWrites(params)).length > 0,
  instruction: (params, context) =>
    withExpectedLines(
      `The file system mounted at ${params.mount} is full (0 bytes free, df shows 100% used): every command that writes a file there fails with ENOSPC, printed the way the tool prints it (\`bash: echo: write error: No space left on device\` for a redirect from echo, \`touch: cannot touch 'FILE': No space left on device\`, \`mkdir: cannot create directory 'DIR': No space left on device\`, \`cp: error writing 'DEST': No space left on device\`), and whatever depends on the write does not happen; commands that only read work normally.`,
      actionFailureMessages(context, failWrites(params)),
    ),
  render: (params, context) =>
    renderCommandFailure(context, failWrites(params), ['bash: write error: No space left on device']),
  manifested: (_params, context) =>
    /No space left on device|\[Errno 28\]|\bENOSPC\b|enough free space|Failure writing output/.test(
      context.observation,
    ),
});
