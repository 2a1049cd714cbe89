/** gemini-cli's action schema: its built-in tools (read_file, write_file, edit, run_shell_command …). */
import type { ToolDefinition } from '../../../../core/world-spec.js';
import { num, str, TODO_ITEMS, tool } from '../../tool-schema.js';

export const GEMINI_CLI_TOOLS: ToolDefinition[] = [
  tool(
    'read_file',
    'Returns the content of a file (a window of lines with offset and limit).',
    {
      absolute_path: str('Absolute path.'),
      offset: num('First line (0-based).'),
      limit: num('How many lines.'),
    },
    ['absolute_path'],
  ),
  tool(
    'write_file',
    'Writes content to a file, creating it and its folders when missing.',
    { file_path: str('Absolute path.'), content: str('The full new content.') },
    ['file_path', 'content'],
  ),
  tool(
    'edit',
    'Replaces old_string with new_string in a file; the number of occurrences must match expected_replacements.',
    {
      file_path: str('Absolute path.'),
      old_string: str('Exact text to replace, with context.'),
      new_string: str('Replacement text.'),
      expected_replacements: num('How many occurrences to replace (default 1).'),
    },
    ['file_path', 'old_string', 'new_string'],
  ),
  tool(
    'run_shell_command',
    'Runs a command with bash -c and reports its command, folder, output, error, exit code and signal.',
    {
      command: str('The command line.'),
      description: str('What it does.'),
      directory: str('Folder to run in, relative to the project root.'),
    },
    ['command'],
  ),
  tool(
    'list_directory',
    'Lists a folder, sub-folders first.',
    { path: str('Absolute path.'), ignore: { type: 'array', items: { type: 'string' } } },
    ['path'],
  ),
  tool(
    'glob',
    'Finds files matching a glob pattern, newest first.',
    { pattern: str('Glob pattern.'), path: str('Folder to search in.') },
    ['pattern'],
  ),
  tool(
    'search_file_content',
    'Searches file contents for a regular expression.',
    { pattern: str('Regular expression.'), path: str('Folder to search in.'), include: str('File glob.') },
    ['pattern'],
  ),
  tool(
    'read_many_files',
    'Reads and concatenates several files.',
    { paths: { type: 'array', items: { type: 'string' } } },
    ['paths'],
  ),
  tool('todo_write', 'Replaces the task list.', { todos: TODO_ITEMS }, ['todos']),
  tool('save_memory', 'Remembers a fact across sessions.', { fact: str('The fact.') }, ['fact']),
];
