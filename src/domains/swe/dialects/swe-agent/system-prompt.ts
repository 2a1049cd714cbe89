/** The swe-agent dialect's part of the swe system prompt: its action space and the result formats of its tools. */

export const SWE_AGENT_ACTION_SPACE =
  'The agent is SWE-agent. Each action is a JSON tool call {"name", "arguments"} to `bash` (a persistent shell), ' +
  '`str_replace_editor` (view, create, str_replace, insert, undo_edit) or `submit`.';

export const SWE_AGENT_RESULT_FORMAT = [
  '- bash: the command output; a command that prints nothing answers with the fixed line saying it ran successfully without output.',
  '- str_replace_editor view: "Here\'s the result of running `cat -n` on <path>:" and tab-numbered lines; a folder shows its files two levels deep.',
  '- create: "File created successfully at: <path>"; str_replace: the edited snippet, and an error when old_str is missing or not unique.',
].join('\n');
