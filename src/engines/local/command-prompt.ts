import { AgentWorldError } from '../../core/errors.js';
import { promptWindow } from './context-window.js';
import { echoReserve } from './model-context.js';
import { byteIds, EOS_ID, type LayoutTurn, sequenceHead } from './sequence-layout.js';

/** The prompt of one more command (or tool call), with where decoding starts and the first history turn kept. */
export interface CommandPrompt {
  readonly tokens: number[];
  /** Index of the last prompt token the model must evaluate before generating. */
  readonly evaluateFrom: number;
  readonly firstTurn: number;
}

/**
 * The whole prompt for one more command: the head (by default the terminal layout's; the mcp layout passes its
 * own), the window of turns that fits with `outputReserve` tokens left free for the output (see `promptWindow`),
 * and the echo. A command whose echo alone does not fit is UNSUPPORTED.
 */
export function promptTokensFor(
  turns: readonly LayoutTurn[],
  echo: string,
  contextSize: number,
  outputReserve: number,
  head: readonly number[] = sequenceHead(),
): CommandPrompt {
  const encoded = turns.map((turn) => [...byteIds(turn.echo), ...byteIds(turn.target), EOS_ID]);
  const echoIds = byteIds(echo);
  const first = promptWindow({
    turnLengths: encoded.map((ids) => ids.length),
    echoLength: echoIds.length,
    headLength: head.length,
    contextSize,
    outputReserve,
    echoReserve: echoReserve(contextSize),
  });
  if (first === undefined) {
    throw new AgentWorldError('UNSUPPORTED', "The command is too long for the embedded model's context.", {
      details: { echoTokens: echoIds.length, budget: contextSize - outputReserve - head.length },
    });
  }
  const tokens = [...head, ...encoded.slice(first).flat(), ...echoIds];
  return { tokens, evaluateFrom: tokens.length - echoIds.length - 1, firstTurn: first };
}
