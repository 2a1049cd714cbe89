/** mini-swe-agent's observation renderer: v2's `<returncode>`/`<output>` template, elided when long. */
import { codePointLength } from '../../observation-format.js';

/** From this many characters (Python code points) on, mini-swe-agent shows only the head and tail of an output. */
export const MINI_SWE_OUTPUT_LIMIT = 10_000;
/** How many characters of head and of tail an elided mini-swe-agent output keeps. */
export const MINI_SWE_HEAD_TAIL = 5_000;
/**
 * The warning mini-swe-agent v2 puts before an elided output (SWE-agent/mini-swe-agent a83fcae8,
 * src/minisweagent/config/default.yaml observation_template). Its closing tag and `<output_head>` share a line.
 */
export const MINI_SWE_ELISION_WARNING =
  '<warning>\nThe output of your last command was too long.\nPlease try a different command that produces less output.\n' +
  "If you're looking at a file you can try use head, tail or sed to view a smaller number of lines selectively.\n" +
  "If you're using grep or find and it produced too much output, you can use a more selective search pattern.\n" +
  "If you really need to see something from the full command's output, you can redirect output to a file and then search in that file.\n" +
  '</warning>';

/** Python's `text[start:end]` on code points (negative start counts from the end). */
function codePointSlice(text: string, start: number, end?: number): string {
  return Array.from(text).slice(start, end).join('');
}

/**
 * mini-swe-agent v2's observation template: an optional `<exception>` line, the return code, then the output
 * (elided to head and tail when it has 10000 code points or more).
 */
export function renderMiniSweObservation(returncode: number, output: string, exceptionInfo = ''): string {
  const exception = exceptionInfo.length > 0 ? `<exception>${exceptionInfo}</exception>\n` : '';
  const head = `${exception}<returncode>${returncode}</returncode>\n`;
  const length = codePointLength(output);
  if (length < MINI_SWE_OUTPUT_LIMIT) return `${head}<output>\n${output}</output>`;
  return (
    `${head}${MINI_SWE_ELISION_WARNING}` +
    `<output_head>\n${codePointSlice(output, 0, MINI_SWE_HEAD_TAIL)}\n</output_head>\n` +
    `<elided_chars>\n${length - MINI_SWE_OUTPUT_LIMIT} characters elided\n</elided_chars>\n` +
    `<output_tail>\n${codePointSlice(output, -MINI_SWE_HEAD_TAIL)}\n</output_tail>`
  );
}

/**
 * mini-swe-agent v2's observation for a command that raised (a timeout): the local environment's
 * `An error occurred while executing the command: {e}`, return code -1 and whatever the command printed.
 */
export function renderMiniSweException(message: string, output = ''): string {
  return renderMiniSweObservation(-1, output, `An error occurred while executing the command: ${message}`);
}

/** Python's `subprocess.TimeoutExpired` text, as mini-swe-agent's local environment reports a timeout. */
export function miniSweTimeoutMessage(command: string, seconds: number): string {
  return `Command '${command}' timed out after ${seconds} seconds`;
}

/**
 * Whether an output submits the task, as mini-swe-agent's environment decides: return code 0 and the first line
 * of the output (leading whitespace dropped) is `COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT`.
 */
export function isMiniSweSubmission(returncode: number, output: string): boolean {
  const first = output.trimStart().split(/\r\n|\n|\r/)[0] ?? '';
  return returncode === 0 && first.trim() === 'COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT';
}
