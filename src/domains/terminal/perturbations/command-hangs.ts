import { z } from 'zod';
import { definePerturbation, type PerturbationContext } from '../../../core/perturbation.js';
import { endsAtPrompt, layoutOf, screenOf, setupOf, submittedBlocks } from './screen-blocks.js';
import { commandsOfLine, isExternalCommand, submittedLines } from './shell-commands.js';

const CommandHangsParams = z
  .object({
    /** What the command printed before it stalled (lines, `\n`-separated); empty: nothing. */
    output: z.string().max(4000).default(''),
  })
  .strict();

/** The submitted line that hangs: the first one that starts a program (builtins such as cd never hang). */
function hangingLine(lines: readonly string[]): number | undefined {
  const external = lines.findIndex((line) => commandsOfLine(line).some(isExternalCommand));
  return external === -1 ? undefined : external;
}

function hungLine(context: PerturbationContext): string | undefined {
  const lines = submittedLines(context.action);
  const index = hangingLine(lines);
  return index === undefined ? undefined : lines[index];
}

/** A command runs far longer than the agent waited: the screen shows no new prompt. */
export const commandHangs = definePerturbation({
  id: 'command-hangs',
  title: 'Command hangs',
  description:
    'A command keeps running past the wait (a stalled download, a server, a prompt waiting for input): the screen ends without a new prompt, and later keystrokes go to the running command until it is interrupted with C-c.',
  params: CommandHangsParams,
  appliesTo: (_params, context) => hungLine(context) !== undefined,
  instruction: (params, context) => {
    const line = hungLine(context);
    const what = line === undefined ? 'The command the agent starts' : `The command \`${line}\``;
    const printed =
      params.output === ''
        ? 'prints nothing'
        : `prints only ${params.output
            .split('\n')
            .map((text) => `\`${text}\``)
            .join(', ')}`;
    return `${what} is still running when the screen is captured: it ${printed}, the screen ends right after the echoed command line with no new shell prompt, and anything typed after it in this action only appears echoed on the following lines, not run. On later turns it keeps running: new keystrokes are echoed into it without being executed until the agent presses C-c, which prints ^C and returns to the prompt.`;
  },
  render: (params, context) => {
    const setup = setupOf(context.spec);
    const lines = submittedLines(context.action);
    const layout = layoutOf(context.observation, setup);
    const blocks = submittedBlocks(layout, lines);
    const hanging = hangingLine(lines);
    const extra = params.output === '' ? [] : params.output.split('\n');
    const index = hanging === undefined ? undefined : blocks[hanging - (lines.length - blocks.length)];
    // Lines typed after the hanging one are echoed by the terminal but not run.
    const typedAfter = hanging === undefined ? [] : lines.slice(hanging + 1);
    if (index !== undefined) {
      const kept = layout.blocks
        .slice(0, index + 1)
        .map((block, at) => (at === index ? { ...block, output: [...extra, ...typedAfter] } : block));
      return screenOf({ leading: layout.leading, blocks: kept });
    }
    // The command is not on the screen: show it typed at the last prompt, still running.
    const last = layout.blocks[layout.blocks.length - 1];
    const typed = hanging === undefined ? '' : (lines[hanging] ?? '');
    if (last !== undefined && last.command.trim() === '') {
      const blocksBefore = layout.blocks.slice(0, -1);
      return screenOf({
        leading: layout.leading,
        blocks: [...blocksBefore, { ...last, command: typed, output: [...extra, ...typedAfter] }],
      });
    }
    return [context.observation.replace(/\n+$/, ''), ...extra].join('\n');
  },
  manifested: (_params, context) => {
    const setup = setupOf(context.spec);
    return context.observation.trim() !== '' && !endsAtPrompt(context.observation, setup);
  },
});
