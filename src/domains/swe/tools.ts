import type { ToolDefinition, WorldSpec } from '../../core/world-spec.js';
import { type SweDialect, sweDialectOf } from './dialects.js';

type Properties = Record<string, Record<string, unknown>>;

function tool(name: string, description: string, properties: Properties, required: string[]): ToolDefinition {
  return {
    name,
    description,
    inputSchema: { type: 'object', properties, required },
  };
}

const str = (description: string): Record<string, unknown> => ({ type: 'string', description });
const num = (description: string): Record<string, unknown> => ({ type: 'number', description });
const bool = (description: string): Record<string, unknown> => ({ type: 'boolean', description });

const TODO_ITEMS = {
  type: 'array',
  description: 'The whole list, replacing the previous one.',
  items: {
    type: 'object',
    properties: {
      content: str('What to do.'),
      status: { type: 'string', enum: ['pending', 'in_progress', 'completed'] },
      activeForm: str('The item phrased as ongoing work.'),
    },
    required: ['content', 'status'],
  },
};

const CLAUDE_CODE_TOOLS: ToolDefinition[] = [
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

const GEMINI_CLI_TOOLS: ToolDefinition[] = [
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

const MINI_SWE_AGENT_TOOLS: ToolDefinition[] = [
  tool(
    'bash',
    'Runs one command in a fresh subshell in the repository folder and reports its return code and output.',
    { command: str('The command line.') },
    ['command'],
  ),
];

const SWE_AGENT_TOOLS: ToolDefinition[] = [
  tool('bash', 'Runs a command in the persistent shell.', { command: str('The command line.') }, ['command']),
  tool(
    'str_replace_editor',
    'Views, creates and edits files: view, create, str_replace, insert, undo_edit.',
    {
      command: { type: 'string', enum: ['view', 'create', 'str_replace', 'insert', 'undo_edit'] },
      path: str('Absolute path.'),
      file_text: str('Content for create.'),
      view_range: { type: 'array', items: { type: 'integer' }, description: '[first, last] lines for view.' },
      old_str: str('Exact text to replace (must be unique).'),
      new_str: str('Replacement or inserted text.'),
      insert_line: { type: 'integer', description: 'Insert new_str after this line.' },
    },
    ['command', 'path'],
  ),
  tool('submit', 'Submits the current changes as the solution.', {}, []),
];

export const SWE_BUILTIN_TOOLS: Readonly<Record<SweDialect, readonly ToolDefinition[]>> = {
  'claude-code': CLAUDE_CODE_TOOLS,
  'gemini-cli': GEMINI_CLI_TOOLS,
  'mini-swe-agent': MINI_SWE_AGENT_TOOLS,
  'swe-agent': SWE_AGENT_TOOLS,
};

/** The tools of a spec: its own `tools` when given, otherwise the dialect's built-in set. */
export function sweTools(spec: WorldSpec): readonly ToolDefinition[] {
  if (spec.tools !== undefined && spec.tools.length > 0) return spec.tools;
  return SWE_BUILTIN_TOOLS[sweDialectOf(spec)];
}

/** The dialects (other than `dialect`) whose built-in tools include `name`. */
export function dialectsWithTool(name: string, except: SweDialect): SweDialect[] {
  return (Object.keys(SWE_BUILTIN_TOOLS) as SweDialect[]).filter(
    (dialect) => dialect !== except && SWE_BUILTIN_TOOLS[dialect].some((entry) => entry.name === name),
  );
}
