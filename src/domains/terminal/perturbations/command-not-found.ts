import { z } from 'zod';
import { definePerturbation, type PerturbationContext } from '../../../core/perturbation.js';
import {
  actionFailureMessages,
  type CommandFailure,
  renderCommandFailure,
  withExpectedLines,
} from './command-failure.js';
import { actionCommands, isExternalCommand, isPathCommand } from './shell-commands.js';

const CommandNotFoundParams = z
  .object({
    /** The program that is not installed; empty: the first program the action runs. */
    command: z
      .string()
      .regex(/^[^\s/]*$/, 'a command name, without spaces or slashes')
      .default(''),
  })
  .strict();
type CommandNotFoundParams = z.output<typeof CommandNotFoundParams>;

/** The program that is missing on this turn. */
function missingProgram(params: CommandNotFoundParams, context: PerturbationContext): string | undefined {
  if (params.command !== '') return params.command;
  return actionCommands(context.action).find(
    (command) => isExternalCommand(command) && !isPathCommand(command.name),
  )?.name;
}

const failOn =
  (program: string | undefined): CommandFailure =>
  (command) =>
    program !== undefined && command.name === program ? [`bash: ${program}: command not found`] : undefined;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** A program the agent runs is not installed. */
export const commandNotFound = definePerturbation({
  id: 'command-not-found',
  title: 'Command not found',
  description:
    'A program the agent runs is not installed (not on PATH): bash prints "bash: NAME: command not found" and the exit status is 127.',
  params: CommandNotFoundParams,
  appliesTo: (params, context) =>
    actionFailureMessages(context, failOn(missingProgram(params, context))).length > 0,
  instruction: (params, context) => {
    const program = missingProgram(params, context);
    const subject =
      program === undefined
        ? 'The first program each command line runs is not installed'
        : `\`${program}\` is not installed and not on PATH`;
    return withExpectedLines(
      `${subject}: running it prints only \`bash: ${program ?? 'NAME'}: command not found\` (exit status 127), with no other output, and any command chained after it with && does not run; \`which ${program ?? 'NAME'}\` prints nothing.`,
      actionFailureMessages(context, failOn(program)),
    );
  },
  render: (params, context) => {
    const program = missingProgram(params, context);
    return renderCommandFailure(context, failOn(program), [
      `bash: ${program ?? 'command'}: command not found`,
    ]);
  },
  manifested: (params, context) => {
    const program = missingProgram(params, context);
    const name = program === undefined ? '\\S+' : escapeRegExp(program);
    return new RegExp(`(?:^|\\s)${name}: (?:command )?not found|Command '${name}' not found`, 'm').test(
      context.observation,
    );
  },
});
