/** The claude-code dialect's part of the swe system prompt: its action space and the result formats of its tools. */

export const CLAUDE_CODE_ACTION_SPACE =
  'The agent is Claude Code. Each action is a JSON tool call {"name", "arguments"} whose arguments are a JSON ' +
  'string, using the tools listed below (Read, Write, Edit, Bash, Glob, Grep, TodoWrite, TaskOutput, KillShell).';

export const CLAUDE_CODE_RESULT_FORMAT = [
  '- Read: every line of the file (split at newlines, so a final newline gives a last empty numbered line), each prefixed by its line number right-aligned in six columns and "→", then a blank line and a <system-reminder> block about malware; a missing file: <tool_use_error>File does not exist.</tool_use_error>.',
  '- Write: "File created successfully at: <path>" for a new file; over an existing file, "The file <path> has been updated. Here\'s the result of running `cat -n` on a snippet of the edited file:" and the whole new file numbered.',
  '- Edit: the same "has been updated" line with the edited lines numbered, from 4 lines before the change to 4 lines after it; refusals are <tool_use_error> blocks, e.g. "String to replace not found in file.\\nString: <old_string>" or "Found N matches of the string to replace, but replace_all is false. …".',
  '- Bash: stdout then stderr, trimmed; a failing command (grep, rg, find, diff and test fail only from exit code 2) starts with "Exit code N", then stderr, then stdout.',
  '- A call that breaks the schema: <tool_use_error>InputValidationError: <Tool> failed due to the following issue:\\nThe required parameter `x` is missing</tool_use_error>.',
].join('\n');
