/**
 * The harness presentation of the terminus dialect: what Terminus-2 shows its policy, as opposed to the
 * world-model screen format (screen.ts). Follows terminal-bench's Terminus-2 (ethanewer/deepswe-data-gen
 * 677dcd1, terminal_bench/agents/terminus_2/terminus_2.py; terminal_bench/terminal/tmux_session.py as in
 * finyorko/longcli-bench 82c7eb3; the XML run's wording from terminus_2.py at ethanewer/deepswe-data-gen
 * bd0105d, eval/terminal_bench/agents/terminus_2/). Written from those rules, byte for byte where Terminus emits
 * text.
 */
import { AgentWorldError } from '../../../../core/errors.js';
import { TERMINAL_COMPLETION_QUESTION } from '../../screen.js';
import { parseTerminusReply, type TerminusParserName } from './actions.js';
import { looksLikeTerminusXml } from './xml-reply.js';

/** Terminus-2 cuts every observation to this many UTF-8 bytes (head and tail kept). */
export const TERMINUS_OUTPUT_LIMIT_BYTES = 10_000;

/** Drops an incomplete UTF-8 sequence at the end, as decoding with errors ignored does. */
function withoutTrailingPartial(bytes: Buffer): Buffer {
  let lead = bytes.length - 1;
  while (lead >= 0 && bytes.length - lead <= 4 && ((bytes[lead] ?? 0) & 0xc0) === 0x80) lead -= 1;
  if (lead < 0) return bytes.subarray(0, 0);
  const first = bytes[lead] ?? 0;
  const size = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
  return lead + size > bytes.length ? bytes.subarray(0, lead) : bytes;
}

/** Drops continuation bytes at the start, as decoding with errors ignored does. */
function withoutLeadingPartial(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length && ((bytes[start] ?? 0) & 0xc0) === 0x80) start += 1;
  return bytes.subarray(start);
}

/**
 * Terminus-2's `_limit_output_length`: text over `maxBytes` UTF-8 bytes keeps its first and last
 * `maxBytes // 2` bytes (split characters dropped) around
 * `\n[... output limited to MAX bytes; N interior bytes omitted ...]\n`, N counting the bytes left out.
 */
export function limitTerminusOutput(output: string, maxBytes = TERMINUS_OUTPUT_LIMIT_BYTES): string {
  const bytes = Buffer.from(output, 'utf8');
  if (bytes.length <= maxBytes) return output;
  const half = Math.floor(maxBytes / 2);
  const head = withoutTrailingPartial(bytes.subarray(0, half));
  const tail = withoutLeadingPartial(bytes.subarray(bytes.length - half));
  const omitted = bytes.length - head.length - tail.length;
  return (
    `${head.toString('utf8')}\n[... output limited to ${maxBytes} bytes; ` +
    `${omitted} interior bytes omitted ...]\n${tail.toString('utf8')}`
  );
}

/** The two captures of the pane Terminus-2 compares, plus the visible pane. */
export interface TerminusPaneCapture {
  /** The whole scrollback at the previous observation; undefined before the first one. */
  readonly previousBuffer: string | undefined;
  /** The whole scrollback now (tmux `capture-pane -S -`). */
  readonly currentBuffer: string;
  /** The visible pane now (its last 40 rows). */
  readonly visibleScreen: string;
}

/**
 * `TmuxSession.get_incremental_output`: `New Terminal Output:\n` and the scrollback past the previous capture,
 * or `Current Terminal Screen:\n` and the visible pane (first capture, nothing new, or the previous buffer no
 * longer found). As in the original, the new part starts at the last newline of the previous buffer's text
 * (an offset into that text, applied to the current buffer).
 */
export function terminusIncrementalOutput(capture: TerminusPaneCapture): string {
  const screen = `Current Terminal Screen:\n${capture.visibleScreen}`;
  if (capture.previousBuffer === undefined) return screen;
  const previous = capture.previousBuffer.trim();
  const at = capture.currentBuffer.indexOf(previous);
  if (at === -1) return screen;
  const start = previous.includes('\n') ? previous.lastIndexOf('\n') : at;
  const fresh = capture.currentBuffer.slice(start);
  return fresh.trim() === '' ? screen : `New Terminal Output:\n${fresh}`;
}

/** The XML run's completion question (terminus_2.py `_get_completion_confirmation_message`, parser "xml"). */
const XML_COMPLETION_QUESTION =
  'Are you sure you want to mark the task as complete? This will trigger your solution to be graded and ' +
  "you won't be able to make any further corrections. If so, include <task_complete>true</task_complete> again.";

/** Terminus-2's completion confirmation over the terminal output it was given (the JSON run's by default). */
export function renderTerminusConfirmation(
  terminalOutput: string,
  parser: TerminusParserName = 'json',
): string {
  const question = parser === 'xml' ? XML_COMPLETION_QUESTION : TERMINAL_COMPLETION_QUESTION;
  return `Current terminal state:\n${terminalOutput}\n\n${question}`;
}

/** One step of Terminus-2's loop after the commands of a parsed reply ran. */
export interface TerminusTurnInput {
  /** `terminusIncrementalOutput` after the commands ran. */
  readonly terminalOutput: string;
  readonly taskComplete: boolean;
  /** Whether the previous reply claimed completion and was asked to confirm. */
  readonly pendingCompletion: boolean;
  readonly warnings?: readonly string[] | undefined;
  /** The run's parser (its completion question differs); `json` when left out. */
  readonly parser?: TerminusParserName | undefined;
}

export interface TerminusTurnOutcome {
  /** The next user message for the policy; undefined when the episode ends. */
  readonly prompt: string | undefined;
  readonly done: boolean;
  readonly pendingCompletion: boolean;
}

/**
 * What Terminus-2 sends next: a first completion claim (its commands already ran) gets the confirmation over
 * the cut output; a second one in a row ends the episode; any other reply resets the claim and gets the
 * output, cut again as the harness does (so an already cut output's marker is cut once more), after
 * `Previous response had warnings:\nWARNINGS: - …` when the parser warned.
 */
export function presentTerminusTurn(input: TerminusTurnInput): TerminusTurnOutcome {
  const output = limitTerminusOutput(input.terminalOutput);
  if (input.taskComplete) {
    if (input.pendingCompletion) return { prompt: undefined, done: true, pendingCompletion: true };
    return { prompt: renderTerminusConfirmation(output, input.parser), done: false, pendingCompletion: true };
  }
  const warnings = input.warnings ?? [];
  const body = limitTerminusOutput(output);
  const prompt =
    warnings.length === 0
      ? body
      : `Previous response had warnings:\nWARNINGS: - ${warnings.join('\n- ')}\n\n${body}`;
  return { prompt, done: false, pendingCompletion: false };
}

/**
 * Terminus-2's answer to a reply its parser rejected (the commands did not run); the closing words name the
 * run's reply form ("JSON response" for the JSON parser, "response" for the XML one, `_get_error_response_type`).
 */
export function presentTerminusParseError(
  error: string,
  warnings: readonly string[] = [],
  parser: TerminusParserName = 'json',
): string {
  const feedback =
    warnings.length === 0 ? `ERROR: ${error}` : `ERROR: ${error}\nWARNINGS: - ${warnings.join('\n- ')}`;
  const kind = parser === 'xml' ? 'response' : 'JSON response';
  return `Previous response had parsing errors:\n${feedback}\n\nPlease fix these issues and provide a proper ${kind}.`;
}

/** One reply of the policy as the harness meets it: the raw reply and the output its commands left. */
export interface TerminusReplyStepInput {
  /** The policy's reply as it came (JSON or XML text, or a JSON value). */
  readonly reply: unknown;
  /** `terminusIncrementalOutput` after the reply's commands ran (unused when the reply is refused). */
  readonly terminalOutput: string;
  readonly pendingCompletion: boolean;
  /** The run's parser; left out, the reply's form picks it (see `parseTerminusReply`). */
  readonly parser?: TerminusParserName | undefined;
}

/**
 * The whole of `_run_agent_loop` for one reply: the parser reads it; a refused reply gets the parse-error
 * message (pending completion unchanged, nothing ran); an accepted one gets `presentTerminusTurn` with the
 * parser's warnings, so a reply whose duration was replaced shows
 * `Previous response had warnings:\nWARNINGS: - Command 1: Invalid duration value, using default 1.0` in
 * front of the next output.
 */
export function presentTerminusReply(input: TerminusReplyStepInput): TerminusTurnOutcome {
  const options = input.parser === undefined ? {} : { parser: input.parser };
  let parsed: ReturnType<typeof parseTerminusReply>;
  try {
    parsed = parseTerminusReply(input.reply, options);
  } catch (error) {
    if (!(error instanceof AgentWorldError) || error.code !== 'INVALID_ACTION') throw error;
    const issues = error.details.issues;
    const first = Array.isArray(issues) ? (issues[0] as { message?: unknown } | undefined) : undefined;
    const message = typeof first?.message === 'string' ? first.message : error.message;
    const warnings = Array.isArray(error.details.warnings) ? (error.details.warnings as string[]) : [];
    const parser =
      input.parser ?? (typeof input.reply === 'string' && looksLikeTerminusXml(input.reply) ? 'xml' : 'json');
    return {
      prompt: presentTerminusParseError(message, warnings, parser),
      done: false,
      pendingCompletion: input.pendingCompletion,
    };
  }
  return presentTerminusTurn({
    terminalOutput: input.terminalOutput,
    taskComplete: parsed.taskComplete,
    pendingCompletion: input.pendingCompletion,
    warnings: parsed.warnings,
    parser: parsed.parser,
  });
}
