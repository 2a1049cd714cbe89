import { textDomainPrompt } from './common.js';

/** A coding agent's tools: shell commands, file views and edits, searches inside a repository. */
export const SWE_JUDGE_PROMPT = textDomainPrompt({
  environment:
    "A coding agent works in a software repository through its harness's tools (running commands, viewing and editing files, searching code). The observation is the tool's result as the harness returns it.",
  contentClasses: `- Objective facts (must match exactly): success or failure, error types, exit codes, and the output that
  decides what the agent does next.
- Session- or machine-specific values (format and plausibility only): timestamps, process ids, modification
  times, versions.
- Context nobody has shown (plausible is enough): listings of the user's directories, contents of files never
  opened, database results.
- Structure and formatting (must match exactly): JSON or XML structure, the output layout, indentation and line
  breaks.`,
  dimensions: `- Format: formatting alone, including the harness's prefixes (such as "Command:", "Output:", "Error:") and the
  order of fields.
- Factuality: the command behaves as it would really run; status and exit codes are exact; the error is of the
  right type and attributed to the right cause; content established earlier in the session is exact.
- Consistency: the file system and the environment keep every change made earlier in the session.
- Realism: the output patterns and verbosity of the real tools, plausible numbers, real error prefixes (such as
  "bash:"), and edge cases handled as the tools handle them.
- Quality: complete and concise.`,
});
