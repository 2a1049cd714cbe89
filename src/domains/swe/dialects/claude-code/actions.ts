/** Claude Code's action schema: its built-in tools (Read, Write, Edit, Bash, Glob, Grep, TodoWrite …). */
import type { ToolDefinition } from '../../../../core/world-spec.js';
import { bool, num, str, TODO_ITEMS, tool } from '../../tool-schema.js';

export const CLAUDE_CODE_TOOLS: ToolDefinition[] = [
  tool(
    'Read',
    'Shows a file with line numbers (from line 1, or from offset for limit lines).',
    { file_path: str('Absolute path.'), offset: num('First line to show.'), limit: num('How many lines.') },
    ['file_path'],
  ),
  tool(
    'Write',
    'Creates or overwrites a file with the given content.',
    { file_path: str('Absolute path.'), content: str('The full new content.') },
    ['file_path', 'content'],
  ),
  tool(
    'Edit',
    'Replaces old_string with new_string in a file; old_string must occur once unless replace_all is set.',
    {
      file_path: str('Absolute path.'),
      old_string: str('Exact text to replace.'),
      new_string: str('Replacement text.'),
      replace_all: bool('Replace every occurrence.'),
    },
    ['file_path', 'old_string', 'new_string'],
  ),
  tool(
    'Bash',
    'Runs a shell command in the persistent shell and returns its output.',
    {
      command: str('The command line.'),
      description: str('A few words on what it does.'),
      timeout: num('Milliseconds before it is stopped.'),
      run_in_background: bool('Start it in the background and return a shell id.'),
    },
    ['command'],
  ),
  tool(
    'Glob',
    'Lists the files that match a glob pattern, newest first.',
    { pattern: str('Glob pattern.'), path: str('Folder to search in.') },
    ['pattern'],
  ),
  tool(
    'Grep',
    'Searches file contents with a regular expression (ripgrep).',
    {
      pattern: str('Regular expression.'),
      path: str('File or folder.'),
      glob: str('Only files matching this glob.'),
      output_mode: { type: 'string', enum: ['content', 'files_with_matches', 'count'] },
      '-n': bool('Show line numbers.'),
      '-i': bool('Ignore case.'),
    },
    ['pattern'],
  ),
  tool('TodoWrite', 'Replaces the task list.', { todos: TODO_ITEMS }, ['todos']),
  tool(
    'BashOutput',
    'Returns new output of a background shell.',
    { bash_id: str('The shell id.'), filter: str('Only lines matching this regex.') },
    ['bash_id'],
  ),
  tool('KillShell', 'Stops a background shell.', { shell_id: str('The shell id.') }, ['shell_id']),
];
