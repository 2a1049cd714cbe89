import type { WorldSpec } from '../../core/world-spec.js';
import { composeSystemPrompt, renderToolDefinitions } from '../shared/index.js';
import { normalizeSweAction } from './actions.js';
import { type SweDialect, sweDialectOf } from './dialects.js';
import { readSweInitialData } from './initial-data.js';
import { renderSweAction } from './render.js';
import { sweTools } from './tools.js';

const ROLE =
  'You act as the computer a coding agent is working on: its repository, file system, shell and tools. ' +
  'Each turn the agent calls one tool; you answer with exactly what that tool would return on a real machine.';

const ACTION_SPACE: Record<SweDialect, string> = {
  'claude-code':
    'The agent is Claude Code. Each action is a JSON tool call {"name", "arguments"} whose arguments are a JSON ' +
    'string, using the tools listed below (Read, Write, Edit, Bash, Glob, Grep, TodoWrite and the rest).',
  'gemini-cli':
    'The agent is Gemini CLI. Each action is a JSON tool call {"name", "arguments"} whose arguments are a JSON ' +
    'string, using the tools listed below (read_file, write_file, edit, run_shell_command, list_directory, glob, ' +
    'search_file_content and the rest).',
  'mini-swe-agent':
    'The agent is mini-swe-agent. Each action is one bash command, shown in a bash block. Every command runs in a ' +
    'fresh subshell started in the repository folder, so a `cd` lasts for that command only.',
  'swe-agent':
    'The agent is SWE-agent. Each action is a JSON tool call {"name", "arguments"} to `bash` (a persistent shell), ' +
    '`str_replace_editor` (view, create, str_replace, insert, undo_edit) or `submit`.',
};

const RESULT_FORMAT: Record<SweDialect, string> = {
  'claude-code': [
    '- Read: the lines of the file, each prefixed by its line number right-aligned in six columns and "→".',
    '- Write: "File created successfully at: <path>" for a new file; for an existing file, the "has been updated" message with a numbered snippet.',
    '- Edit: "The file <path> has been updated. Here\'s the result of running `cat -n` on a snippet of the edited file:" and the numbered snippet; an old_string that is missing or not unique is an error result.',
    '- Bash: the raw stdout and stderr; a failing command also shows its exit code and error text.',
  ].join('\n'),
  'gemini-cli': [
    '- run_shell_command: the lines Command:, Directory:, Output:, Error:, Exit Code:, Signal:, Background PIDs:, Process Group PGID:, in this order, with (none) for an empty field.',
    '- read_file: the file content itself; write_file and edit: a one-line confirmation or an error.',
    '- list_directory: a header line, then [DIR] entries before files.',
  ].join('\n'),
  'mini-swe-agent': [
    '- Every answer is <returncode>N</returncode>, a newline, then <output>, the combined stdout and stderr, </output>.',
    '- An output of 10000 characters or more is shown as a warning, <output_head> (the first 5000 characters), <elided_chars> (how many were left out) and <output_tail> (the last 5000).',
  ].join('\n'),
  'swe-agent': [
    '- bash: the command output; a command that prints nothing answers with the fixed line saying it ran successfully without output.',
    '- str_replace_editor view: "Here\'s the result of running `cat -n` on <path>:" and tab-numbered lines; a folder shows its files two levels deep.',
    '- create: "File created successfully at: <path>"; str_replace: the edited snippet, and an error when old_str is missing or not unique.',
  ].join('\n'),
};

function simulationRules(spec: WorldSpec, dialect: SweDialect): string {
  const { cwd } = readSweInitialData(spec);
  return [
    `The repository is at ${cwd}. Keep one consistent file tree for the whole session.`,
    RESULT_FORMAT[dialect],
    '- A file written or edited earlier reads back exactly as it was left; edits apply to that exact text.',
    '- Track the working directory, environment variables, installed packages, git state, the todo list and background processes with their ids.',
    '- Missing files, bad arguments, missing commands (exit code 127) and failing builds or tests fail the way the real tools do.',
  ].join('\n');
}

/** The swe world-model system prompt for the spec's dialect and tools. */
export function sweSystemPrompt(spec: WorldSpec): string {
  const dialect = sweDialectOf(spec);
  return composeSystemPrompt(
    spec,
    {
      role: ROLE,
      actionSpace: ACTION_SPACE[dialect],
      simulationRules: simulationRules(spec, dialect),
      toolDefinitions: renderToolDefinitions(sweTools(spec)),
    },
    (action) => renderSweAction(normalizeSweAction(action, dialect), spec),
  );
}
