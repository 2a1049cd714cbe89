/**
 * gemini-cli's action schema: its built-in tools as google-gemini/gemini-cli v0.20.0 (b05fb545ef78) declares them
 * (`packages/core/src/tools/tool-names.ts` for the names; each tool's file for its parameters and required list;
 * `replace` is smart-edit.ts, the default while `useSmartEdit` is on, and `search_file_content` is ripGrep.ts,
 * the default while `useRipgrep` is on),
 * and the refusals of its parameter validation. Descriptions are our own words; names, parameter names, types,
 * required lists, enums and minimums follow the source. A refused call is answered with the reason as the tool's
 * error text (`createErrorResponse` in `core/coreToolScheduler.ts` sends `{ error: message }`).
 */

import { posix } from 'node:path';
import type { ToolDefinition } from '../../../../core/world-spec.js';
import { bool, isRecord, matchesJsonType, num, str, tool } from '../../tool-schema.js';

/** write_todos' statuses (`write-todos.ts` TODO_STATUSES). */
export const GEMINI_TODO_STATUSES = ['pending', 'in_progress', 'completed', 'cancelled'] as const;

const FILE_FILTERING_OPTIONS = {
  type: 'object',
  description: 'Whether .gitignore and .geminiignore patterns are respected.',
  properties: {
    respect_git_ignore: bool('Respect .gitignore (default true).'),
    respect_gemini_ignore: bool('Respect .geminiignore (default true).'),
  },
};

export const GEMINI_CLI_TOOLS: ToolDefinition[] = [
  tool(
    'read_file',
    'Returns the text of a file; a long file is cut to 2000 lines with a notice saying how to read on with offset and limit.',
    {
      file_path: str('Path of the file (absolute, or relative to the project root).'),
      offset: num('0-based line to start from (text files; use with limit).'),
      limit: num('How many lines to return at most (text files).'),
    },
    ['file_path'],
  ),
  tool(
    'write_file',
    'Writes the whole content of a file, creating it (and its folders) when missing.',
    {
      file_path: str('Path of the file to write.'),
      content: str('The full new content.'),
    },
    ['file_path', 'content'],
  ),
  tool(
    'replace',
    'Replaces old_string with new_string in a file. old_string must occur exactly expected_replacements times (1 by default); an empty old_string creates a new file. instruction says what the change is for.',
    {
      file_path: str('Path of the file to change.'),
      instruction: str('What the change should achieve, in plain words, self-contained.'),
      old_string: str('The exact literal text to replace, with enough context to be unique.'),
      new_string: str('The exact literal replacement text.'),
      expected_replacements: {
        type: 'number',
        description: 'How many occurrences are expected and replaced (default 1).',
        minimum: 1,
      },
    },
    ['file_path', 'instruction', 'old_string', 'new_string'],
  ),
  tool(
    'run_shell_command',
    'Runs a command with `bash -c` in its own process group and reports Command, Directory, Output, Error, Exit Code, Signal, Background PIDs and Process Group PGID.',
    {
      command: str('The exact bash command line.'),
      description: str('A short description of the command for the user.'),
      dir_path: str('Folder to run in (inside the workspace); the project root when omitted.'),
    },
    ['command'],
  ),
  tool(
    'list_directory',
    'Lists the entries of a folder, sub-folders first (marked [DIR]), then files, by name.',
    {
      dir_path: str('The folder to list.'),
      ignore: {
        type: 'array',
        description: 'Glob patterns of names to leave out.',
        items: { type: 'string' },
      },
      file_filtering_options: FILE_FILTERING_OPTIONS,
    },
    ['dir_path'],
  ),
  tool(
    'glob',
    'Finds files whose paths match a glob pattern and returns their absolute paths, newest first.',
    {
      pattern: str('The glob pattern, e.g. src/**/*.ts.'),
      dir_path: str('Folder to search in; the project root when omitted.'),
      case_sensitive: bool('Match case (default false).'),
      respect_git_ignore: bool('Respect .gitignore (default true).'),
      respect_gemini_ignore: bool('Respect .geminiignore (default true).'),
    },
    ['pattern'],
  ),
  tool(
    'search_file_content',
    'Searches file contents for a regular expression and returns the matching lines with their files and line numbers.',
    {
      pattern: str('The regular expression.'),
      dir_path: str('Folder to search in; the current folder when omitted.'),
      include: str('Only files matching this glob.'),
      case_sensitive: bool('Match case (default false).'),
      fixed_strings: bool('Treat the pattern as a literal string.'),
      context: { type: 'integer', description: 'Lines of context around each match.' },
      after: { type: 'integer', description: 'Lines of context after each match.' },
      before: { type: 'integer', description: 'Lines of context before each match.' },
      no_ignore: bool('Search ignored files too.'),
    },
    ['pattern'],
  ),
  tool(
    'read_many_files',
    'Reads the text files matched by paths or glob patterns and returns them concatenated, each under a separator naming it.',
    {
      include: {
        type: 'array',
        description: 'Paths or glob patterns to read.',
        items: { type: 'string', minLength: 1 },
        minItems: 1,
      },
      exclude: {
        type: 'array',
        description: 'Glob patterns to leave out.',
        items: { type: 'string', minLength: 1 },
      },
      recursive: bool('Search recursively (default true).'),
      useDefaultExcludes: bool('Apply the default exclusions such as node_modules and .git (default true).'),
      file_filtering_options: FILE_FILTERING_OPTIONS,
    },
    ['include'],
  ),
  tool(
    'write_todos',
    'Replaces the whole todo list of the current task.',
    {
      todos: {
        type: 'array',
        description: 'The complete list, replacing the previous one.',
        items: {
          type: 'object',
          properties: {
            description: str('What to do.'),
            status: { type: 'string', enum: [...GEMINI_TODO_STATUSES] },
          },
          required: ['description', 'status'],
        },
      },
    },
    ['todos'],
  ),
  tool(
    'save_memory',
    'Saves a fact to long-term memory (GEMINI.md) so that later sessions know it.',
    { fact: str('A clear, self-contained statement to remember.') },
    ['fact'],
  ),
];

/** Where the tools run: the workspace folders (the project root first) and the project's temp folder. */
export interface GeminiWorkspace {
  readonly targetDir: string;
  readonly directories?: readonly string[];
  readonly projectTempDir?: string;
  /** Whether a path is an existing folder (write_file refuses one). */
  readonly isDirectory?: (path: string) => boolean;
}

type Schema = Record<string, unknown>;

/**
 * The first error Ajv reports (allErrors off, draft-07 keyword order: type, then the validation keywords such as
 * enum, minimum, minLength, required and minItems, then properties and items), as `instancePath message`.
 */
function ajvFirstError(schema: Schema, value: unknown, path: string): string | undefined {
  if (schema.type !== undefined && !matchesJsonType(value, schema.type))
    return `${path} must be ${String(schema.type)}`;
  if (typeof value === 'number' && typeof schema.minimum === 'number' && value < schema.minimum)
    return `${path} must be >= ${schema.minimum}`;
  if (
    typeof value === 'string' &&
    typeof schema.minLength === 'number' &&
    [...value].length < schema.minLength
  )
    return `${path} must NOT have fewer than ${schema.minLength} characters`;
  if (isRecord(value) && Array.isArray(schema.required)) {
    for (const name of schema.required)
      if (typeof name === 'string' && value[name] === undefined)
        return `${path} must have required property '${name}'`;
  }
  if (Array.isArray(value) && typeof schema.minItems === 'number' && value.length < schema.minItems)
    return `${path} must NOT have fewer than ${schema.minItems} items`;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    return `${path} must be equal to one of the allowed values`;
  if (isRecord(value) && isRecord(schema.properties)) {
    for (const [name, property] of Object.entries(schema.properties)) {
      if (value[name] === undefined || !isRecord(property)) continue;
      const error = ajvFirstError(property, value[name], `${path}/${name}`);
      if (error !== undefined) return error;
    }
  }
  if (Array.isArray(value) && isRecord(schema.items)) {
    for (const [index, item] of value.entries()) {
      const error = ajvFirstError(schema.items, item, `${path}/${index}`);
      if (error !== undefined) return error;
    }
  }
  return undefined;
}

function within(workspace: GeminiWorkspace, path: string): boolean {
  const roots = workspace.directories ?? [workspace.targetDir];
  return roots.some((root) => path === root || path.startsWith(`${root.replace(/\/$/, '')}/`));
}

const dirs = (workspace: GeminiWorkspace): string =>
  (workspace.directories ?? [workspace.targetDir]).join(', ');

/** The tool's own checks after the schema (`validateToolParamValues` of each tool, v0.20.0). */
function valueError(
  name: string,
  args: Record<string, unknown>,
  workspace: GeminiWorkspace,
): string | undefined {
  const resolve = (path: string) => posix.resolve(workspace.targetDir, path);
  switch (name) {
    case 'read_file': {
      const filePath = String(args.file_path);
      if (filePath.trim() === '') return "The 'file_path' parameter must be non-empty.";
      const resolved = resolve(filePath);
      const temp = workspace.projectTempDir;
      const inTemp = temp !== undefined && (resolved === temp || resolved.startsWith(`${temp}/`));
      if (!within(workspace, resolved) && !inTemp)
        return `File path must be within one of the workspace directories: ${dirs(workspace)} or within the project temp directory: ${temp ?? ''}`;
      if (typeof args.offset === 'number' && args.offset < 0) return 'Offset must be a non-negative number';
      if (typeof args.limit === 'number' && args.limit <= 0) return 'Limit must be a positive number';
      return undefined;
    }
    case 'write_file': {
      const filePath = String(args.file_path);
      if (filePath === '') return 'Missing or empty "file_path"';
      const resolved = resolve(filePath);
      if (!within(workspace, resolved))
        return `File path must be within one of the workspace directories: ${dirs(workspace)}`;
      if (workspace.isDirectory?.(resolved) === true) return `Path is a directory, not a file: ${resolved}`;
      return undefined;
    }
    case 'replace': {
      const filePath = String(args.file_path);
      if (filePath === '') return "The 'file_path' parameter must be non-empty.";
      if (!within(workspace, resolve(filePath)))
        return `File path must be within one of the workspace directories: ${dirs(workspace)}`;
      return undefined;
    }
    case 'run_shell_command': {
      if (String(args.command).trim() === '') return 'Command cannot be empty.';
      if (typeof args.dir_path === 'string' && args.dir_path !== '') {
        const resolved = resolve(args.dir_path);
        if (!within(workspace, resolved))
          return `Directory '${resolved}' is not within any of the registered workspace directories.`;
      }
      return undefined;
    }
    case 'list_directory':
      return within(workspace, resolve(String(args.dir_path)))
        ? undefined
        : `Path must be within one of the workspace directories: ${dirs(workspace)}`;
    case 'glob': {
      const resolved = resolve(
        typeof args.dir_path === 'string' && args.dir_path !== '' ? args.dir_path : '.',
      );
      if (!within(workspace, resolved))
        return `Search path ("${resolved}") resolves outside the allowed workspace directories: ${dirs(workspace)}`;
      if (workspace.isDirectory !== undefined && !workspace.isDirectory(resolved))
        return `Search path does not exist ${resolved}`;
      if (String(args.pattern).trim() === '') return "The 'pattern' parameter cannot be empty.";
      return undefined;
    }
    case 'save_memory':
      return String(args.fact).trim() === '' ? 'Parameter "fact" must be a non-empty string.' : undefined;
    case 'write_todos': {
      const todos = args.todos as { description: string; status: string }[];
      for (const todo of todos) {
        if (todo.description.trim() === '') return 'Each todo must have a non-empty description string';
      }
      if (todos.filter((todo) => todo.status === 'in_progress').length > 1)
        return 'Invalid parameters: Only one task can be "in_progress" at a time.';
      return undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Why gemini-cli refuses these arguments, in its exact words, or undefined when it accepts them: the schema check
 * (`utils/schemaValidator.ts`: Ajv `errorsText` with dataVar `params`), then the tool's own checks. Unknown tools
 * are not judged here.
 */
export function geminiToolParamsError(
  name: string,
  args: unknown,
  workspace: GeminiWorkspace = { targetDir: '/testbed' },
): string | undefined {
  const definition = GEMINI_CLI_TOOLS.find((candidate) => candidate.name === name);
  if (definition === undefined) return undefined;
  if (!isRecord(args)) return 'Value of params must be an object';
  const schemaError = ajvFirstError(definition.inputSchema as Schema, args, 'params');
  if (schemaError !== undefined) return schemaError;
  return valueError(name, args, workspace);
}

/** The answer to a call of a tool gemini-cli does not have (`coreToolScheduler.ts`, with no close name found). */
export function geminiUnknownToolError(name: string): string {
  return `Tool "${name}" not found in registry. Tools must use the exact names that are registered.`;
}
