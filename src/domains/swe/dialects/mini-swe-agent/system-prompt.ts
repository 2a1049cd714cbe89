/** The mini-swe-agent dialect's part of the swe system prompt: its action space and the result formats of its tools. */

export const MINI_SWE_AGENT_ACTION_SPACE =
  'The agent is mini-swe-agent. Each action is one bash command, shown in a bash block. Every command runs in a ' +
  'fresh subshell started in the repository folder, so a `cd` lasts for that command only.';

export const MINI_SWE_AGENT_RESULT_FORMAT = [
  '- Every answer is <returncode>N</returncode>, a newline, then <output>, the combined stdout and stderr, </output>.',
  '- An output of 10000 characters or more is shown as a warning, <output_head> (the first 5000 characters), <elided_chars> (how many were left out) and <output_tail> (the last 5000).',
].join('\n');
