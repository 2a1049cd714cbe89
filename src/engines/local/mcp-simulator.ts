import type { PredictRequest } from '../../core/engine.js';
import type { CheckResult, SessionEvent, Turn } from '../../core/turn.js';
import type { DomainSimulator, SimulationOutcome } from './domain-simulator.js';
import { MCP_DOMAIN, mcpCallOfAction, renderMcpCall } from './mcp-sequence-layout.js';
import { mcpModelSubject, mcpSpecMismatch } from './mcp-spec-fit.js';
import { mcpHistory, stateArrangement, stateEvent } from './mcp-state.js';
import type { StateForm } from './mcp-state-turns.js';
import type { EmbeddedModelLayout } from './model-layout.js';
import { runawayLabels } from './runaway-label.js';
import type { LayoutTurn } from './sequence-layout.js';
import { TRUNCATED_EVENT } from './terminal-turns.js';
import type { WindowedDecoder } from './windowed-decode.js';

/**
 * Output tokens kept free when the history window is first chosen: more than most results the mcp model was
 * trained on (the generator keeps observations under 1,500 bytes; server-memory's JSON is mostly far shorter).
 */
export const MCP_TYPICAL_OUTPUT_TOKENS = 512;

/**
 * The layout turns of an mcp session's history, oldest first. Turns the engine labelled unsupported are left out,
 * and so is a turn whose action the layout cannot write (another engine answered it).
 */
export function mcpHistoryTurns(history: readonly Turn[]): LayoutTurn[] {
  return [...mcpHistory(history).turns];
}

/**
 * The mcp layout's side of the local engine: every action of the mcp domain is one tool call, written as the
 * call line after the session's earlier calls and results (when they outgrow the context, a state turn holding
 * the server's graph takes the place of the oldest, see mcp-state.ts); the model writes the result text, from which the mcp
 * domain reads isError as it does for a real server's text. Specs the model does not fit (`mcpSpecMismatch`: another
 * server, or one that starts with state) and calls the layout cannot write are unsupported.
 */
export class McpSimulator implements DomainSimulator {
  readonly domain = MCP_DOMAIN;
  readonly modelName = 'MCP';
  readonly simulates: string;

  /**
   * @param stateForm how state turns (the server's graph, mcp-state.ts) stand in for the turns that leave the
   *   context (the engine option `mcpStateTurns`); undefined: they are simply gone.
   */
  constructor(
    private readonly layout: EmbeddedModelLayout,
    private readonly stateForm: StateForm | undefined = 'replay',
  ) {
    this.simulates = mcpModelSubject(layout);
  }

  async simulate(
    request: PredictRequest,
    decoder: WindowedDecoder,
    signal: AbortSignal | undefined,
  ): Promise<SimulationOutcome> {
    const mismatch = mcpSpecMismatch(request.spec, this.layout);
    if (mismatch !== undefined) return { kind: 'unsupported', reason: mismatch };
    const call = mcpCallOfAction(request.action);
    if (call === undefined) {
      return { kind: 'unsupported', reason: 'a call the layout cannot write (a tool name with white space)' };
    }
    const history = mcpHistory(request.history);
    const echo = renderMcpCall(call);
    const arrangement =
      this.stateForm === undefined ? undefined : stateArrangement(history, call, this.stateForm);
    const decoded = await decoder.run(signal, (decodeTurn) =>
      decodeTurn(history.turns, echo, undefined, arrangement?.arrange),
    );
    const events: SessionEvent[] = [];
    const checks: CheckResult[] = [];
    if (decoded.firstTurn > 0)
      events.push({ type: 'local.window', data: { droppedTurns: decoded.firstTurn } });
    const window = arrangement?.chosen();
    const state = window === undefined ? undefined : stateEvent(window);
    if (state !== undefined) events.push(state);
    if (decoded.finish === 'length') {
      events.push({
        type: TRUNCATED_EVENT,
        message: `The result of \`${call.name}\` was cut at ${decoder.maxTokens} bytes.`,
        data: { maxTokens: decoder.maxTokens },
      });
    }
    if (decoded.repetition !== undefined) {
      const labels = runawayLabels(`the result of \`${call.name}\``, decoded.repetition);
      events.push(labels.event);
      checks.push(labels.check);
    }
    return {
      kind: 'generated',
      generated: {
        observation: decoded.text,
        events,
        checks,
        finishReason: decoded.finish,
        minProbability: decoded.minProbability,
        promptTokens: decoded.promptTokens,
        reusedTokens: decoded.reusedTokens,
        completionTokens: decoded.completionTokens,
      },
    };
  }
}
