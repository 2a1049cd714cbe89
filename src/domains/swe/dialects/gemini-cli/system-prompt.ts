/** The gemini-cli dialect's part of the swe system prompt: its action space and the result formats of its tools. */

export const GEMINI_CLI_ACTION_SPACE =
  'The agent is Gemini CLI. Each action is a JSON tool call {"name", "arguments"} whose arguments are a JSON ' +
  'string, using the tools listed below (read_file, write_file, replace, run_shell_command, list_directory, glob, ' +
  'search_file_content, read_many_files, write_todos, save_memory).';

export const GEMINI_CLI_RESULT_FORMAT = [
  '- run_shell_command: the lines Command:, Directory:, Output:, Error:, Exit Code:, Signal:, Background PIDs:, Process Group PGID:, in this order; Directory is (root) without dir_path, an empty Output is (empty), the other empty fields are (none); a failing command still has Error: (none) and its exit code.',
  '- read_file: the file text itself, no line numbers; a cut file starts with an "IMPORTANT: The file content has been truncated." notice giving the lines shown and the next offset, then "--- FILE CONTENT (truncated) ---". A missing file: "File not found: <path>".',
  '- write_file: "Successfully created and wrote to new file: <path>." or "Successfully overwrote file: <path>.".',
  '- replace: "Successfully modified file: <path> (N replacements)." or an error such as "Failed to edit, 0 occurrences found for old_string (…)…" or "Failed to edit, Expected 1 occurrence but found N for old_string in file: <path>".',
  '- list_directory: "Directory listing for <path>:" then one entry a line, folders first as "[DIR] name".',
  '- A refused call answers with the reason alone, e.g. "params must have required property \'file_path\'" or "Command cannot be empty.".',
].join('\n');
