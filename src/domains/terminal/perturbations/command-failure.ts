import type { ObservationContext, PerturbationContext } from '../../../core/perturbation.js';
import { failCommandLine, failureMessagesOf } from './line-failure.js';
import { insertBeforeFinalPrompt, rewriteBlocks, setupOf } from './screen-blocks.js';
import { type ShellCommandInfo, submittedLines } from './shell-commands.js';

/** Where a command runs, as far as the screen (or the spec) tells. */
export interface CommandSite {
  readonly cwd: string;
  readonly home: string;
}

/** The messages a failing command prints, or undefined when the condition does not touch it. */
export type CommandFailure = (command: ShellCommandInfo, site: CommandSite) => readonly string[] | undefined;

/** The messages the action's commands would print under the condition (empty when none is touched). */
export function actionFailureMessages(context: PerturbationContext, fail: CommandFailure): string[] {
  const setup = setupOf(context.spec);
  const site = { cwd: setup.cwd, home: setup.home };
  return failureMessagesOf(submittedLines(context.action), (command) => fail(command, site), setup.home);
}

/**
 * The screen with the output of every affected command replaced by its failure (commands chained after it
 * with `&&` do not run). When the screen does not show the action's commands, the messages the action would
 * print, or `fallback`, go before the final prompt.
 */
export function renderCommandFailure(
  context: ObservationContext,
  fail: CommandFailure,
  fallback: readonly string[],
): string {
  const setup = setupOf(context.spec);
  const submitted = submittedLines(context.action);
  const rewritten = rewriteBlocks(context.observation, setup, submitted, (line, block) =>
    failCommandLine(
      line,
      (command) => fail(command, { cwd: block.cwd ?? setup.cwd, home: setup.home }),
      setup.home,
      block.output,
    ),
  );
  if (rewritten !== undefined) return rewritten;
  const messages = actionFailureMessages(context, fail);
  return insertBeforeFinalPrompt(context.observation, setup, messages.length > 0 ? messages : fallback);
}

/** A general statement, plus the exact lines this action must show when they can be worked out. */
export function withExpectedLines(general: string, lines: readonly string[]): string {
  if (lines.length === 0) return general;
  const shown = lines.slice(0, 6).map((line) => `\`${line}\``);
  return `${general} For this action the screen shows ${shown.join(', ')}${lines.length > 6 ? ' …' : ''} in place of the normal output.`;
}
