/** The gemini-cli dialect's part of the swe system prompt: its action space and the result formats of its tools. */

export const GEMINI_CLI_ACTION_SPACE =
  'The agent is Gemini CLI. Each action is a JSON tool call {"name", "arguments"} whose arguments are a JSON ' +
  'string, using the tools listed below (read_file, write_file, edit, run_shell_command, list_directory, glob, ' +
  'search_file_content and the rest).';

export const GEMINI_CLI_RESULT_FORMAT = [
  '- run_shell_command: the lines Command:, Directory:, Output:, Error:, Exit Code:, Signal:, Background PIDs:, Process Group PGID:, in this order, with (none) for an empty field.',
  '- read_file: the file content itself; write_file and edit: a one-line confirmation or an error.',
  '- list_directory: a header line, then [DIR] entries before files.',
].join('\n');
