import { z } from 'zod';
import { definePerturbation, type PerturbationContext } from '../../../core/perturbation.js';
import { baseName, operandsOf, type ShellCommandInfo } from '../../terminal/perturbations/shell-commands.js';
import { exitStatusNote } from './exit-status.js';
import { firstSourceFile, shortHash } from './repository-files.js';
import { linesToOutput, renderShellResult, shellOutputOf, shellRunOf } from './shell-result.js';

const MergeConflictParams = z
  .object({
    /** The conflicted files, relative to the repository; empty: the first known source file. */
    files: z.array(z.string().min(1)).default([]),
    /** The branch being merged in (when the command does not name one). */
    branch: z.string().min(1).default('feature/update'),
  })
  .strict();
type MergeConflictParams = z.output<typeof MergeConflictParams>;

const MERGING = new Set(['merge', 'pull', 'rebase', 'cherry-pick', 'stash', 'status']);

function gitStep(context: PerturbationContext): ShellCommandInfo | undefined {
  return shellRunOf(context)?.commands.find((command) => {
    if (baseName(command.name) !== 'git') return false;
    const [sub, next] = operandsOf(command);
    if (sub === 'stash') return next === 'pop' || next === 'apply';
    return sub !== undefined && MERGING.has(sub);
  });
}

/** The branch being integrated: the one `git merge` names, else the configured one. */
function branchOf(params: MergeConflictParams, command: ShellCommandInfo | undefined): string {
  const [sub, next] = command === undefined ? [] : operandsOf(command);
  return sub === 'merge' && next !== undefined ? next : params.branch;
}

function conflictedFiles(params: MergeConflictParams, context: PerturbationContext): string[] {
  if (params.files.length > 0) return params.files;
  const source = firstSourceFile(context.spec, [
    '.py',
    '.js',
    '.ts',
    '.go',
    '.rs',
    '.java',
    '.rb',
    '.c',
    '.cpp',
  ]);
  return [source?.path ?? 'README.md'];
}

function conflictLines(files: readonly string[]): string[] {
  return files.flatMap((file) => [`Auto-merging ${file}`, `CONFLICT (content): Merge conflict in ${file}`]);
}

/** The output of the git step and its exit status, with the conflict showing. */
function gitOutput(
  command: ShellCommandInfo,
  files: readonly string[],
  params: MergeConflictParams,
  original: string,
): { lines: string[]; exitCode: number } {
  const [sub] = operandsOf(command);
  const branch = branchOf(params, command);
  const first = files[0] ?? 'README.md';
  const hash = shortHash(`${branch}:${first}`);
  const subject = `Update ${baseName(first)}`;
  switch (sub) {
    case 'status': {
      const short = command.args.some(
        (arg) => arg === '-s' || arg === '--short' || arg.startsWith('--porcelain'),
      );
      if (short) {
        const others = original
          .split('\n')
          .filter((line) => line.trim() !== '' && !files.some((file) => line.slice(3) === file));
        return { lines: [...files.map((file) => `UU ${file}`), ...others], exitCode: 0 };
      }
      return {
        exitCode: 0,
        lines: [
          'On branch main',
          'You have unmerged paths.',
          '  (fix conflicts and run "git commit")',
          '  (use "git merge --abort" to abort the merge)',
          '',
          'Unmerged paths:',
          '  (use "git add <file>..." to mark resolution)',
          ...files.map((file) => `\tboth modified:   ${file}`),
          '',
          'no changes added to commit (use "git add" and/or "git commit -a")',
        ],
      };
    }
    case 'rebase':
      return {
        exitCode: 1,
        lines: [
          ...conflictLines(files),
          `error: could not apply ${hash}... ${subject}`,
          'hint: Resolve all conflicts manually, mark them as resolved with',
          'hint: "git add/rm <conflicted_files>", then run "git rebase --continue".',
          `Could not apply ${hash}... ${subject}`,
        ],
      };
    case 'cherry-pick':
      return {
        exitCode: 1,
        lines: [
          ...conflictLines(files),
          `error: could not apply ${hash}... ${subject}`,
          'hint: After resolving the conflicts, mark them with',
          'hint: "git add/rm <pathspec>", then run',
          'hint: "git cherry-pick --continue".',
        ],
      };
    case 'stash':
      return {
        exitCode: 1,
        lines: [...conflictLines(files), 'The stash entry is kept in case you need it again.'],
      };
    default:
      return {
        exitCode: 1,
        lines: [...conflictLines(files), 'Automatic merge failed; fix conflicts and then commit the result.'],
      };
  }
}

/** A merge, pull, rebase, cherry-pick or stash pop stops on conflicts; git status shows unmerged paths. */
export const mergeConflict = definePerturbation({
  id: 'merge-conflict',
  title: 'Merge conflict',
  description:
    'Integrating changes conflicts: git merge/pull/rebase/cherry-pick/stash pop report "CONFLICT (content): Merge conflict in FILE" and stop; git status lists the files as unmerged (both modified), and the files hold conflict markers.',
  params: MergeConflictParams,
  appliesTo: (_params, context) => gitStep(context) !== undefined,
  instruction: (params, context) => {
    const files = conflictedFiles(params, context);
    const branch = branchOf(params, gitStep(context));
    const listed = files.map((file) => `\`${file}\``).join(', ');
    const run = shellRunOf(context);
    const status = run === undefined ? '' : ` (for a stopped merge here, ${exitStatusNote(run.dialect, 1)})`;
    return `Integrating \`${branch}\` conflicts in ${listed}: git merge/pull/rebase/cherry-pick/stash pop print \`Auto-merging FILE\` and \`CONFLICT (content): Merge conflict in FILE\` for each, then stop (merge: "Automatic merge failed; fix conflicts and then commit the result.") with exit status 1${status}; until resolved, \`git status\` shows "You have unmerged paths." with \`both modified:   FILE\` (short form \`UU FILE\`), and each file holds <<<<<<< HEAD, ======= and >>>>>>> ${branch} markers.`;
  },
  render: (params, context) => {
    const run = shellRunOf(context);
    const command = gitStep(context);
    const files = conflictedFiles(params, context);
    if (run === undefined || command === undefined) {
      return `${context.observation}\n${conflictLines(files).join('\n')}`;
    }
    const output = gitOutput(command, files, params, shellOutputOf(context.observation, run.dialect));
    return renderShellResult(run, context.observation, linesToOutput(output.lines), output.exitCode);
  },
  manifested: (params, context) =>
    /CONFLICT \(|Merge conflict in|Unmerged paths|both modified|^UU |^<<<<<<< /m.test(context.observation) &&
    conflictedFiles(params, context).every((file) => context.observation.includes(baseName(file))),
});
