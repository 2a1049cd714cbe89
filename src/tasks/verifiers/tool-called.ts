import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import { getDomain } from '../../domains/index.js';
import type { ToolCalledVerifierSchema } from '../task-schema.js';
import { regexProblem, result, type Verifier } from './types.js';

type ToolCalledVerifier = z.infer<typeof ToolCalledVerifierSchema>;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The arguments of a parsed action: a tool call's `arguments`, else the action object itself. */
function actionArguments(action: unknown): Record<string, unknown> | undefined {
  if (!isRecord(action)) return undefined;
  return isRecord(action.arguments) ? action.arguments : action;
}

/** The argument sets of an action's calls of a tool: a tool call's `arguments`, a BrowserGym call's, or the action. */
function callArguments(action: unknown, tool: string): Record<string, unknown>[] {
  if (isRecord(action) && Array.isArray(action.calls)) {
    return action.calls.flatMap((call) =>
      isRecord(call) && call.function === tool && isRecord(call.arguments) ? [call.arguments] : [],
    );
  }
  const args = actionArguments(action);
  return args === undefined ? [] : [args];
}

/** The command line an action types or runs: a shell tool's `command`, the terminal's keystrokes. */
export function actionCommandText(action: unknown, rendered: () => string): string {
  if (Array.isArray(action)) {
    return action
      .map((batch) => (isRecord(batch) && typeof batch.keystrokes === 'string' ? batch.keystrokes : ''))
      .join('');
  }
  const args = actionArguments(action);
  if (typeof args?.command === 'string') return args.command;
  if (typeof args?.code === 'string') return args.code;
  return rendered();
}

/**
 * Counts the turns whose action used the tool (the domain's `actionTools`: tool names, shell command words),
 * with the given arguments (each key deep-equal to the call's) and command line (`commandRegex`).
 */
export const toolCalledVerifier: Verifier<ToolCalledVerifier> = {
  type: 'tool-called',
  domains: ['terminal', 'swe', 'mcp', 'search', 'web'],
  problem(verifier, spec) {
    if (verifier.atMost !== undefined && verifier.atMost < verifier.atLeast) {
      return `atMost (${verifier.atMost}) is below atLeast (${verifier.atLeast})`;
    }
    if (verifier.arguments !== undefined && spec.domain === 'terminal') {
      return 'a terminal action has no arguments: use commandRegex on the command line';
    }
    return regexProblem('commandRegex', verifier.commandRegex);
  },
  async verify(verifier, context) {
    const domain = getDomain(context.spec.domain);
    const regex = verifier.commandRegex === undefined ? undefined : new RegExp(verifier.commandRegex);
    const matching: number[] = [];
    for (const turn of context.record.turns) {
      const tools = domain.actionTools(turn.action, context.spec);
      if (!tools.includes(verifier.tool)) continue;
      if (verifier.arguments !== undefined) {
        const wanted = Object.entries(verifier.arguments);
        const fits = (args: Record<string, unknown>) =>
          wanted.every(([key, value]) => isDeepStrictEqual(args[key], value));
        if (!callArguments(turn.action, verifier.tool).some(fits)) continue;
      }
      if (regex !== undefined) {
        const text = actionCommandText(turn.action, () => domain.renderAction(turn.action, context.spec));
        if (!regex.test(text)) continue;
      }
      matching.push(turn.index);
    }
    const count = matching.length;
    const ok = count >= verifier.atLeast && (verifier.atMost === undefined || count <= verifier.atMost);
    const bounds =
      verifier.atMost === undefined
        ? `at least ${verifier.atLeast}`
        : `${verifier.atLeast} to ${verifier.atMost}`;
    const where = count === 0 ? '' : ` (turns ${matching.join(', ')})`;
    const filters = [
      verifier.arguments === undefined ? '' : ` with ${JSON.stringify(verifier.arguments)}`,
      regex === undefined ? '' : ` matching /${verifier.commandRegex}/`,
    ].join('');
    return result(
      verifier,
      ok ? 1 : 0,
      `${verifier.tool}${filters} called ${count} time(s)${where}; wanted ${bounds}`,
    );
  },
};
