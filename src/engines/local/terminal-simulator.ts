import type { PredictRequest } from '../../core/engine.js';
import type { CheckResult, SessionEvent } from '../../core/turn.js';
import {
  renderTerminalCompletion,
  renderTerminalPrompt,
  resolveTerminalSetup,
  terminalInitialScreen,
} from '../../domains/terminal/index.js';
import { checkCommandGrammar } from './command-grammar.js';
import type { DomainSimulator, Generated, SimulationOutcome } from './domain-simulator.js';
import { runawayLabels } from './runaway-label.js';
import { type LayoutTurn, renderEcho } from './sequence-layout.js';
import {
  type PromptSetup,
  planAction,
  type TerminalContext,
  TRUNCATED_EVENT,
  terminalContext,
  trailingPrompt,
} from './terminal-turns.js';
import type { DecodeTurn, WindowedDecoder } from './windowed-decode.js';

/**
 * Output tokens kept free when the history window is first chosen: more than almost every screen the terminal
 * model was trained on (the generator caps an observation at 800 bytes, most are under 200).
 */
export const TERMINAL_TYPICAL_OUTPUT_TOKENS = 256;

/** Where a request carries demonstration turns for the terminal model (see `withDemonstrationTurns`). */
const DEMONSTRATION_TURNS = Symbol.for('agentworld.local.demonstrationTurns');

/**
 * Where demonstration turns go in the byte sequence: `before-history`, right after `<s>` and the system line (the
 * history window drops them first); `before-turn`, between the session's own history and the turn being
 * predicted (the window drops the session's oldest turns first).
 */
export type DemonstrationPlacement = 'before-history' | 'before-turn';

/** Demonstration turns and where they go. */
export interface DemonstrationTurns {
  readonly turns: readonly LayoutTurn[];
  readonly placement: DemonstrationPlacement;
}

type WithDemonstrationTurns = PredictRequest & { readonly [DEMONSTRATION_TURNS]?: DemonstrationTurns };

/**
 * The request with demonstration turns for the embedded terminal model (transitions recorded in other sessions,
 * in the model's byte layout), which reads them as turns of the session. The terminal model has no instruction
 * channel, so this is how retrieval (src/engines/retrieval) gives it examples; messages and `promptHash` are
 * unchanged.
 */
export function withDemonstrationTurns(
  request: PredictRequest,
  turns: readonly LayoutTurn[],
  placement: DemonstrationPlacement = 'before-history',
): PredictRequest {
  const carrying: WithDemonstrationTurns = { ...request, [DEMONSTRATION_TURNS]: { turns, placement } };
  return carrying;
}

/** The demonstration turns a request carries (none unless `withDemonstrationTurns` added them). */
export function demonstrationTurnsOf(request: PredictRequest): DemonstrationTurns {
  return (
    (request as WithDemonstrationTurns)[DEMONSTRATION_TURNS] ?? { turns: [], placement: 'before-history' }
  );
}

/**
 * The terminal layout's side of the local engine: commands ending in Enter are simulated one after another,
 * each at the prompt the previous one left; waits and completion are rendered without the model; keys, and
 * commands outside the training grammar (when `grammarCheck` is on), are unsupported with a labelled screen.
 */
export class TerminalSimulator implements DomainSimulator {
  readonly domain = 'terminal';
  readonly modelName = 'terminal';
  readonly simulates = 'terminals';

  constructor(private readonly grammarCheck: boolean) {}

  async simulate(
    request: PredictRequest,
    decoder: WindowedDecoder,
    signal: AbortSignal | undefined,
  ): Promise<SimulationOutcome> {
    const setup = resolveTerminalSetup(request.spec);
    const terminal = terminalContext(
      request.history,
      terminalInitialScreen(request.spec),
      setup,
      renderTerminalPrompt(setup, setup.cwd),
    );
    const plan = planAction(request.action);
    if (plan.kind === 'completion') {
      return {
        kind: 'rendered',
        observation: renderTerminalCompletion(terminal.screen),
        rendering: 'completion',
      };
    }
    if (plan.kind === 'wait') return { kind: 'rendered', observation: terminal.prompt, rendering: 'wait' };
    if (plan.kind === 'unsupported') return unsupportedCommand(plan.reason, terminal);
    if (this.grammarCheck) {
      for (const command of plan.commands) {
        const verdict = checkCommandGrammar(command);
        if (!verdict.supported)
          return unsupportedCommand(verdict.reason ?? 'outside the grammar', terminal, command);
      }
    }
    const generated = await decoder.run(signal, (decodeTurn) =>
      runCommands(
        decodeTurn,
        decoder.maxTokens,
        terminal,
        plan.commands,
        setup,
        demonstrationTurnsOf(request),
      ),
    );
    return { kind: 'generated', generated };
  }
}

/** A command (or keys) the model cannot simulate: the screen that says nothing ran, at the unchanged prompt. */
function unsupportedCommand(reason: string, terminal: TerminalContext, command?: string): SimulationOutcome {
  const notice = `agentworld: the embedded terminal model cannot simulate this (${reason}); nothing ran.\n`;
  const echo = command === undefined ? `${terminal.prompt}\n` : renderEcho(terminal.prompt, command);
  return {
    kind: 'unsupported',
    reason,
    labelled: { observation: `${echo}${notice}${terminal.prompt}`, notice: notice.trim() },
  };
}

/** Runs the commands one after another, each on the screen the previous one left. */
async function runCommands(
  decodeTurn: DecodeTurn,
  maxTokens: number,
  terminal: TerminalContext,
  commands: readonly string[],
  setup: PromptSetup,
  demonstrationTurns: DemonstrationTurns = { turns: [], placement: 'before-history' },
): Promise<Generated> {
  const demonstrations = demonstrationTurns.turns;
  const first = demonstrationTurns.placement === 'before-history';
  const turns: LayoutTurn[] = first
    ? [...demonstrations, ...terminal.turns]
    : [...terminal.turns, ...demonstrations];
  const events: SessionEvent[] = [];
  const checks: CheckResult[] = [];
  let screen = '';
  let prompt = terminal.prompt;
  let finishReason: Generated['finishReason'] = 'stop';
  let minProbability = 1;
  let promptTokens = 0;
  let reusedTokens = 0;
  let completionTokens = 0;
  for (const [position, command] of commands.entries()) {
    const echo = renderEcho(prompt, command);
    // Most outputs end with the prompt the command was typed at (the directory rarely changes).
    const decoded = await decodeTurn(turns, echo, prompt);
    const target = decoded.text;
    promptTokens += decoded.promptTokens;
    reusedTokens += decoded.reusedTokens;
    completionTokens += decoded.completionTokens;
    minProbability = Math.min(minProbability, decoded.minProbability);
    screen = position === 0 ? `${echo}${target}` : `${screen}${echo.slice(prompt.length)}${target}`;
    turns.push({ echo, target });
    // Turns dropped from the window: demonstrations first when they lead the sequence.
    const droppedDemonstrations = first ? Math.min(decoded.firstTurn, demonstrations.length) : 0;
    if (decoded.firstTurn > droppedDemonstrations)
      events.push({
        type: 'local.window',
        data: { droppedTurns: decoded.firstTurn - droppedDemonstrations },
      });
    if (droppedDemonstrations > 0 && position === 0) {
      events.push({ type: 'local.demonstrations-dropped', data: { dropped: droppedDemonstrations } });
    }
    if (decoded.finish === 'length') {
      finishReason = 'length';
      events.push({
        type: TRUNCATED_EVENT,
        message: `The output of \`${command}\` was cut at ${maxTokens} bytes.`,
        data: { maxTokens },
      });
    }
    if (decoded.repetition !== undefined) {
      finishReason = 'repetition';
      const labels = runawayLabels(`the output of \`${command}\``, decoded.repetition);
      events.push(labels.event);
      checks.push(labels.check);
    }
    const next = trailingPrompt(screen, setup);
    if (next === undefined) {
      if (position < commands.length - 1) {
        events.push({
          type: 'local.incomplete',
          message: 'No prompt came back after a command, so the commands after it were not run.',
          data: { ran: position + 1, of: commands.length },
        });
      }
      break;
    }
    prompt = next;
  }
  return {
    observation: screen,
    events,
    checks,
    finishReason,
    minProbability,
    promptTokens,
    reusedTokens,
    completionTokens,
  };
}
