/** SWE-agent's action schema: its tools bash, str_replace_editor and submit. */
import type { ToolDefinition } from '../../../../core/world-spec.js';
import { str, tool } from '../../tool-schema.js';

export const SWE_AGENT_TOOLS: ToolDefinition[] = [
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
