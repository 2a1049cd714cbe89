import { textDomainPrompt } from './common.js';

/** A Linux terminal: the keystrokes the agent typed and the screen text that follows. */
export const TERMINAL_JUDGE_PROMPT = textDomainPrompt({
  environment:
    'The agent types commands into a Linux shell. The observation is the terminal text after the keystrokes: the echoed command, its output and the next prompt (or the output so far when the command is still running).',
  contentClasses: `- Determined content (must match exactly): echo output, contents of files written earlier in this session,
  results of computations, anything fully fixed by the session so far.
- Pre-existing environment content (format and plausibility only): listings of directories that existed before,
  installed versions, system files the session never showed.
- Runtime metadata (format and range only): timestamps, process ids, container ids, addresses, transfer speeds,
  sizes of files that existed before.`,
  dimensions: `- Format: formatting alone — the prompt (with its path updated after cd), the echoed command exactly, line
  breaks and blank lines, "> " continuation lines of heredocs, progress bars, column alignment, and where the
  output ends (a new prompt, or mid-run).
- Factuality: line by line against the ground truth within the kinds above; nothing contradicts what the
  session established.
- Consistency: every earlier change is respected — files created or edited, environment variables, the working
  directory, processes started.
- Realism: commands that print nothing stay silent; wording and style of the real tools; plausible values;
  multi-stage output (installs, builds) that unfolds as it really does.
- Quality: complete, without padding, and of a length proportional to the real output.`,
});
