import { z } from 'zod';
import { definePerturbation, type PerturbationContext } from '../../../core/perturbation.js';
import { failCommandLine } from './line-failure.js';
import { insertBeforeFinalPrompt, rewriteBlocks, setupOf } from './screen-blocks.js';
import {
  baseName,
  commandsOfLine,
  isExternalCommand,
  isPathCommand,
  type ShellCommandInfo,
  submittedLines,
} from './shell-commands.js';

const OomKilledParams = z
  .object({
    /** How many lines of its normal output the command printed before it was killed. */
    keptLines: z.number().int().min(0).max(200).default(2),
  })
  .strict();

/** Programs that can use a lot of memory: interpreters, compilers, build tools, archivers, package managers. */
const HEAVY_COMMANDS: ReadonlySet<string> = new Set([
  'python',
  'python3',
  'node',
  'deno',
  'bun',
  'java',
  'javac',
  'ruby',
  'perl',
  'php',
  'Rscript',
  'R',
  'julia',
  'make',
  'cmake',
  'ninja',
  'gcc',
  'g++',
  'cc',
  'c++',
  'clang',
  'clang++',
  'rustc',
  'cargo',
  'go',
  'ghc',
  'mvn',
  'gradle',
  'sbt',
  'dotnet',
  'npm',
  'npx',
  'yarn',
  'pnpm',
  'tsc',
  'pip',
  'pip3',
  'pytest',
  'jupyter',
  'torchrun',
  'tar',
  'gzip',
  'xz',
  'zip',
  'unzip',
  'sort',
  'ffmpeg',
  'convert',
  'bash',
  'sh',
]);

function isHeavy(command: ShellCommandInfo): boolean {
  return (
    isExternalCommand(command) && (isPathCommand(command.name) || HEAVY_COMMANDS.has(baseName(command.name)))
  );
}

/** The first submitted line that starts a heavy program, and that program. */
function killedLine(context: PerturbationContext): { line: string; program: string } | undefined {
  for (const line of submittedLines(context.action)) {
    const program = commandsOfLine(line).find(isHeavy);
    if (program !== undefined) return { line, program: program.name };
  }
  return undefined;
}

/** A command uses more memory than the machine has: the kernel kills it. */
export const oomKilled = definePerturbation({
  id: 'oom-killed',
  title: 'Killed (out of memory)',
  description:
    'A command runs out of memory and the kernel\'s OOM killer ends it with SIGKILL: bash prints "Killed", the exit status is 137, and commands chained after it with && do not run.',
  params: OomKilledParams,
  appliesTo: (_params, context) => killedLine(context) !== undefined,
  instruction: (params, context) => {
    const target = killedLine(context);
    const what =
      target === undefined
        ? 'The main command of this action'
        : `\`${target.program}\` (in \`${target.line}\`)`;
    return `${what} runs out of memory and is killed by the kernel's OOM killer partway through: the screen shows at most its first ${params.keptLines} line(s) of normal output, then a line reading exactly \`Killed\`, then the prompt; its exit status is 137 (\`echo $?\` prints 137), nothing it would have written at the end exists, and commands chained after it with && do not run.`;
  },
  render: (params, context) => {
    const setup = setupOf(context.spec);
    const target = killedLine(context);
    const rewritten = rewriteBlocks(
      context.observation,
      setup,
      submittedLines(context.action),
      (line, block) => {
        if (target === undefined || line.trim() !== target.line.trim()) return undefined;
        const result = failCommandLine(
          line,
          (command) => (command.name === target.program ? ['Killed'] : undefined),
          setup.home,
          block.output,
        );
        if (result === undefined) return undefined;
        // The killed program's own lines: the real output less what the line's later commands printed.
        const own = block.output.slice(0, block.output.length - (result.tailLines ?? 0));
        const printed = own.filter((text) => text.trim() !== '').slice(0, params.keptLines);
        return {
          ...result,
          mode: 'replace',
          lines: result.mode === 'append' ? [...printed, 'Killed'] : [...printed, ...result.lines],
        };
      },
    );
    return rewritten ?? insertBeforeFinalPrompt(context.observation, setup, ['Killed']);
  },
  manifested: (_params, context) =>
    /(?:^|\s)Killed(?:\s|$)|exit (?:code|status):? 137|\b137\b.*\bKilled\b|SIGKILL|Out of memory/m.test(
      context.observation,
    ),
});
