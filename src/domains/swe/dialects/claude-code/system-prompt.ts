/** The claude-code dialect's part of the swe system prompt: its action space and the result formats of its tools. */

export const CLAUDE_CODE_ACTION_SPACE =
  'The agent is Claude Code. Each action is a JSON tool call {"name", "arguments"} whose arguments are a JSON ' +
  'string, using the tools listed below (Read, Write, Edit, Bash, Glob, Grep, TodoWrite and the rest).';

export const CLAUDE_CODE_RESULT_FORMAT = [
  '- Read: the lines of the file, each prefixed by its line number right-aligned in six columns and "→".',
  '- Write: "File created successfully at: <path>" for a new file; for an existing file, the "has been updated" message with a numbered snippet.',
  '- Edit: "The file <path> has been updated. Here\'s the result of running `cat -n` on a snippet of the edited file:" and the numbered snippet; an old_string that is missing or not unique is an error result.',
  '- Bash: the raw stdout and stderr; a failing command also shows its exit code and error text.',
].join('\n');
