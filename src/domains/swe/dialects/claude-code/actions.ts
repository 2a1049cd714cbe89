/**
 * Claude Code's action schema: its built-in coding tools as @anthropic-ai/claude-code 2.0.77 declares them
 * (`sdk-tools.d.ts` and the zod `strictObject` input schemas in `cli.js`): names, parameter names, types, enums
 * and which are required. Descriptions are our own words. `claudeInputValidationError` restates how the bundle
 * words a schema refusal (`_G7`, sent as `<tool_use_error>InputValidationError: …</tool_use_error>`).
 */

import type { ToolDefinition } from '../../../../core/world-spec.js';
import { bool, isRecord, matchesJsonType, num, str, tool } from '../../tool-schema.js';

const TODO_ITEMS = {
  type: 'array',
  description: 'The whole list, replacing the previous one.',
  items: {
    type: 'object',
    properties: {
      content: { type: 'string', minLength: 1, description: 'What to do.' },
      status: { type: 'string', enum: ['pending', 'in_progress', 'completed'] },
      activeForm: { type: 'string', minLength: 1, description: 'The item phrased as ongoing work.' },
    },
    required: ['content', 'status', 'activeForm'],
  },
};

export const CLAUDE_CODE_TOOLS: ToolDefinition[] = [
  tool(
    'Read',
    'Shows a text file with numbered lines (from line 1, or from offset for limit lines).',
    {
      file_path: str('Absolute path of the file.'),
      offset: num('Line to start from (1-based); for large files only.'),
      limit: num('How many lines to show; for large files only.'),
    },
    ['file_path'],
  ),
  tool(
    'Write',
    'Creates or overwrites a file with the given content (an existing file must have been read first).',
    { file_path: str('Absolute path of the file.'), content: str('The full new content.') },
    ['file_path', 'content'],
  ),
  tool(
    'Edit',
    'Replaces old_string with new_string in a file that has been read; old_string must occur once unless replace_all is set.',
    {
      file_path: str('Absolute path of the file.'),
      old_string: str('Exact text to replace.'),
      new_string: str('Replacement text (different from old_string).'),
      replace_all: bool('Replace every occurrence (default false).'),
    },
    ['file_path', 'old_string', 'new_string'],
  ),
  tool(
    'Bash',
    'Runs a command in a persistent shell and returns its output; a failure starts with "Exit code N".',
    {
      command: str('The command line.'),
      timeout: num('Milliseconds before it is stopped (at most 600000).'),
      description: str('A few words on what it does.'),
      run_in_background: bool('Start it in the background; read its output with TaskOutput.'),
      dangerouslyDisableSandbox: bool('Run without the sandbox.'),
    },
    ['command'],
  ),
  tool(
    'Glob',
    'Lists the files that match a glob pattern, most recently modified first.',
    {
      pattern: str('The glob pattern.'),
      path: str('Folder to search in (the current folder when omitted).'),
    },
    ['pattern'],
  ),
  tool(
    'Grep',
    'Searches file contents with a regular expression (ripgrep).',
    {
      pattern: str('The regular expression.'),
      path: str('File or folder to search (the current folder when omitted).'),
      glob: str('Only files matching this glob.'),
      output_mode: {
        type: 'string',
        enum: ['content', 'files_with_matches', 'count'],
        description: 'What to show (files_with_matches by default).',
      },
      '-B': num('Lines of context before each match (content mode).'),
      '-A': num('Lines of context after each match (content mode).'),
      '-C': num('Lines of context around each match (content mode).'),
      '-n': bool('Show line numbers (content mode).'),
      '-i': bool('Ignore case.'),
      type: str('File type, as rg --type takes it.'),
      head_limit: num('Show only the first N results.'),
      offset: num('Skip the first N results.'),
      multiline: bool('Let patterns span lines.'),
    },
    ['pattern'],
  ),
  tool('TodoWrite', 'Replaces the task list.', { todos: TODO_ITEMS }, ['todos']),
  tool(
    'TaskOutput',
    'Returns the output of a background task (a background Bash command or agent).',
    {
      task_id: str('The task id.'),
      block: bool('Wait for the task to finish (default true).'),
      timeout: num('Milliseconds to wait at most (0 to 600000, default 30000).'),
    },
    ['task_id'],
  ),
  tool('KillShell', 'Stops a background shell.', { shell_id: str('The id of the background shell.') }, [
    'shell_id',
  ]),
];

type Schema = Record<string, unknown>;

/** zod's name for what it received. */
function received(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** The path as `o59` writes it: `todos[0].content`. */
const join = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;

interface Issues {
  missing: string[];
  unexpected: string[];
  types: string[];
}

function collect(schema: Schema, value: unknown, path: string, issues: Issues, strict: boolean): void {
  if (isRecord(value) && isRecord(schema.properties)) {
    const required = Array.isArray(schema.required) ? schema.required : [];
    for (const [name, property] of Object.entries(schema.properties)) {
      const child = value[name];
      const where = join(path, name);
      if (child === undefined) {
        if (required.includes(name)) issues.missing.push(where);
        continue;
      }
      if (!isRecord(property)) continue;
      if (!matchesJsonType(child, property.type)) {
        issues.types.push(
          `The parameter \`${where}\` type is expected as \`${String(property.type)}\` but provided as \`${received(child)}\``,
        );
        continue;
      }
      collect(property, child, where, issues, false);
    }
    if (strict) {
      for (const key of Object.keys(value)) if (!(key in schema.properties)) issues.unexpected.push(key);
    }
    return;
  }
  if (Array.isArray(value) && isRecord(schema.items)) {
    const items = schema.items;
    value.forEach((item, index) => {
      const where = join(path, index);
      if (!matchesJsonType(item, items.type)) {
        issues.types.push(
          `The parameter \`${where}\` type is expected as \`${String(items.type)}\` but provided as \`${received(item)}\``,
        );
        return;
      }
      collect(items, item, where, issues, false);
    });
  }
}

/**
 * The text of Claude Code's InputValidationError for these arguments (without the `<tool_use_error>` wrapper),
 * or undefined when the schema accepts them. Missing parameters, unexpected ones (the top-level schemas are
 * strict) and wrong types are worded as `_G7` words them. Enum, length and range violations are refused as well,
 * but with zod's own message, which is not restated: for them this returns undefined.
 */
export function claudeInputValidationError(name: string, args: unknown): string | undefined {
  const definition = CLAUDE_CODE_TOOLS.find((candidate) => candidate.name === name);
  if (definition === undefined) return undefined;
  const issues: Issues = { missing: [], unexpected: [], types: [] };
  if (!isRecord(args)) {
    issues.types.push(
      `The parameter \`\` type is expected as \`object\` but provided as \`${received(args)}\``,
    );
  } else {
    collect(definition.inputSchema as Schema, args, '', issues, true);
  }
  const lines = [
    ...issues.missing.map((path) => `The required parameter \`${path}\` is missing`),
    ...issues.unexpected.map((key) => `An unexpected parameter \`${key}\` was provided`),
    ...issues.types,
  ];
  if (lines.length === 0) return undefined;
  return `${name} failed due to the following ${lines.length > 1 ? 'issues' : 'issue'}:\n${lines.join('\n')}`;
}

/** The tool_result of a call refused by the schema. */
export function renderClaudeInputValidationError(text: string): string {
  return `<tool_use_error>InputValidationError: ${text}</tool_use_error>`;
}

/** The tool_result of a call to a tool Claude Code does not have (2.0.77, before any suggestion). */
export function renderClaudeNoSuchTool(name: string): string {
  return `<tool_use_error>Error: No such tool available: ${name}</tool_use_error>`;
}
