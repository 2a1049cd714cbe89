/**
 * Terminus-2 (terminal-bench's reference agent) over a terminus world. The policy gets the Terminus-2 prompt
 * (the agent-prompts opening, with the first capture cut to 10,000 bytes), then after each reply what
 * `_run_agent_loop` sends: `New Terminal Output:` / `Current Terminal Screen:` from `get_incremental_output`
 * over the pane rebuilt turn by turn, the parser's warnings in front, the completion question after a first
 * `task_complete`. Replies are read by the Terminus parsers (`parseTerminusReply`, JSON or XML); a refused
 * reply is `invalid` with the harness's own parse-error message (`Previous response had parsing errors: …`),
 * which is what the harness sends back. A second `task_complete` in a row ends the episode.
 */
import { isAgentWorldError } from '../../core/errors.js';
import type { WorldSpec } from '../../core/world-spec.js';
import {
  limitTerminusOutput,
  looksLikeTerminusXml,
  parsePromptLine,
  parseTerminusReply,
  presentTerminusParseError,
  presentTerminusTurn,
  resolveTerminalSetup,
  type TerminusParserName,
  terminusIncrementalOutput,
} from '../../domains/terminal/index.js';
import { nextScrollback, terminusOpening, visiblePane } from '../../export/agent-prompts/index.js';
import type { PolicyTurn } from '../policy.js';
import {
  type AdapterDecision,
  type AgentAdapter,
  type ChatMessage,
  issueMessage,
  userMessage,
} from './types.js';

/** The world model's answer to a completion claim without commands: no new screen in it. */
const CONFIRMATION_PREFIX = 'Current terminal state:\n';

export interface TerminusAdapterOptions {
  /** Pins one parser, as a Terminus-2 run does; left out, each reply's form picks it. */
  readonly parser?: TerminusParserName | undefined;
}

export function terminusAdapter(
  spec: WorldSpec,
  instruction: string,
  options: TerminusAdapterOptions = {},
): AgentAdapter {
  const setup = resolveTerminalSetup(spec);
  const isPromptLine = (line: string): boolean => parsePromptLine(line, setup) !== undefined;
  let buffer = '';
  let pendingCompletion = false;
  /** What the last accepted reply asked for: its completion claim, warnings and parser. */
  let last: { taskComplete: boolean; warnings: readonly string[]; parser: TerminusParserName } | undefined;
  const parseOptions = options.parser === undefined ? {} : { parser: options.parser };

  function present(turn: PolicyTurn): ChatMessage[] {
    if (turn.step === 0) {
      buffer = turn.observation;
      const first = terminusIncrementalOutput({
        previousBuffer: undefined,
        currentBuffer: buffer,
        visibleScreen: visiblePane(buffer),
      });
      return [userMessage(terminusOpening(instruction, limitTerminusOutput(first)))];
    }
    // The harness's parse-error message, as `parse` worded it; nothing ran, the screen is unchanged.
    if (turn.invalidActionError !== undefined) return [userMessage(turn.invalidActionError)];
    const completing = last?.taskComplete ?? false;
    const previousBuffer = buffer;
    if (!(completing && turn.observation.startsWith(CONFIRMATION_PREFIX))) {
      buffer = nextScrollback(buffer, turn.observation, isPromptLine);
    }
    const terminalOutput = terminusIncrementalOutput({
      previousBuffer,
      currentBuffer: buffer,
      visibleScreen: visiblePane(buffer),
    });
    const outcome = presentTerminusTurn({
      terminalOutput,
      taskComplete: completing,
      pendingCompletion,
      warnings: last?.warnings ?? [],
      parser: last?.parser,
    });
    pendingCompletion = outcome.pendingCompletion;
    return outcome.prompt === undefined ? [] : [userMessage(outcome.prompt)];
  }

  function parse(reply: { readonly content: string }): AdapterDecision {
    let parsed: ReturnType<typeof parseTerminusReply>;
    try {
      parsed = parseTerminusReply(reply.content, parseOptions);
    } catch (error) {
      if (!isAgentWorldError(error, 'INVALID_ACTION')) throw error;
      const warnings = Array.isArray(error.details.warnings) ? (error.details.warnings as string[]) : [];
      const parser = options.parser ?? (looksLikeTerminusXml(reply.content) ? 'xml' : 'json');
      return { invalid: presentTerminusParseError(issueMessage(error), warnings, parser), done: false };
    }
    last = { taskComplete: parsed.taskComplete, warnings: parsed.warnings, parser: parsed.parser };
    // Terminus-2 runs a reply's commands before it looks at the claim: a confirming reply's commands still run.
    if (parsed.taskComplete && pendingCompletion) {
      return parsed.commands.length === 0 ? { done: true } : { action: reply.content, done: true };
    }
    // A first claim with no commands runs nothing and captures the screen, then asks to confirm. Sent as it is,
    // the empty command list would be the world's completion action and end the episode before the confirmation.
    if (parsed.taskComplete && parsed.commands.length === 0) {
      return { action: [{ keystrokes: '', duration: 0 }], done: false };
    }
    return { action: reply.content, done: false };
  }

  return { name: `terminus-2 (${options.parser ?? 'json'})`, mode: 'text', tools: [], present, parse };
}
