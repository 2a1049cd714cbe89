import type { WorldSpec } from '../../core/world-spec.js';
import type { SweAction } from './actions.js';
import { parseShellEnvelope } from './dialects/gemini-cli/index.js';
import { type SweDialect, sweDialectOf } from './dialects/index.js';
import { looksLikeToolError } from './error-signs.js';
import { readSweInitialData } from './initial-data.js';
import { fileLines } from './observation-format.js';
import { parseNumberedLines } from './observation-parse.js';
import { resolveSwePath } from './paths.js';

/** What the session knows about one file. */
export interface SweFileState {
  /** The whole content, when the session established it (a write, an edit of known content, a full read). */
  readonly content?: string;
  /** Lines seen in views, by line number, when the whole content is not known. */
  readonly seenLines: Readonly<Record<string, string>>;
  /** Content before the last editor change (swe-agent's undo_edit). */
  readonly previous?: string;
  /** How the content became known, and on which turn. */
  readonly source: 'initial' | 'write' | 'edit' | 'read';
  readonly turn: number;
}

export interface SweTodo {
  readonly content: string;
  readonly status: string;
}

export interface SweBackgroundShell {
  readonly id: string;
  readonly command: string;
  readonly turn: number;
}

/** The deterministic state of a swe session; immutable (applySweTurn returns a new one). */
export interface SweLedger {
  readonly dialect: SweDialect;
  readonly turns: number;
  readonly cwd: string;
  readonly files: Readonly<Record<string, SweFileState>>;
  readonly todos: readonly SweTodo[];
  readonly backgroundShells: readonly SweBackgroundShell[];
  readonly submitted: boolean;
}

export function createSweLedger(spec: WorldSpec): SweLedger {
  const data = readSweInitialData(spec);
  const files: Record<string, SweFileState> = {};
  for (const [path, content] of Object.entries(data.files)) {
    files[resolveSwePath(data.cwd, path)] = { content, seenLines: {}, source: 'initial', turn: 0 };
  }
  return {
    dialect: sweDialectOf(spec),
    turns: 0,
    cwd: data.cwd,
    files,
    todos: [],
    backgroundShells: [],
    submitted: false,
  };
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The file an action reads or changes, as an absolute path. */
export function targetPath(action: SweAction, cwd: string): string | undefined {
  const args = action.arguments;
  const path = str(args.file_path) ?? (action.name === 'str_replace_editor' ? str(args.path) : undefined);
  return path === undefined ? undefined : resolveSwePath(cwd, path);
}

/** The kind of file operation an action is, across dialects. */
export type SweFileOperation = 'read' | 'write' | 'edit' | 'insert' | 'undo' | undefined;

export function fileOperation(action: SweAction): SweFileOperation {
  switch (action.name) {
    case 'Read':
    case 'read_file':
      return 'read';
    case 'Write':
    case 'write_file':
      return 'write';
    case 'Edit':
    case 'replace':
      return 'edit';
    case 'str_replace_editor': {
      const command = action.arguments.command;
      if (command === 'view') return 'read';
      if (command === 'create') return 'write';
      if (command === 'str_replace') return 'edit';
      if (command === 'insert') return 'insert';
      if (command === 'undo_edit') return 'undo';
      return undefined;
    }
    default:
      return undefined;
  }
}

/** old/new strings of an edit, whatever the dialect calls them. */
export function editStrings(action: SweAction): { old?: string; new?: string; all: boolean } {
  const args = action.arguments;
  const old = str(args.old_string) ?? str(args.old_str);
  const replacement = str(args.new_string) ?? str(args.new_str) ?? '';
  const expected = typeof args.expected_replacements === 'number' ? args.expected_replacements : 1;
  return {
    ...(old === undefined ? {} : { old }),
    new: replacement,
    all: args.replace_all === true || expected > 1,
  };
}

/** The shell command of an action, for the dialects' shell tools. */
export function shellCommand(action: SweAction): string | undefined {
  if (action.name === 'Bash' || action.name === 'bash' || action.name === 'run_shell_command') {
    return str(action.arguments.command);
  }
  return undefined;
}

const MUTATING =
  /(>|\bsed\s+-[a-zA-Z]*i|\bperl\s+-[a-zA-Z]*i|\bmv\b|\brm\b|\bcp\b|\btee\b|\btruncate\b|\bpatch\b|\bgit\s+(checkout|reset|stash|apply|restore|pull|merge|rebase|am|switch)\b|\bpython3?\s+-c\b|\bpython3?\s+(?!-m\b)\S+\.py\b|\bnode\s+\S+\.m?js\b|\bsh\s+\S+\.sh\b|\bbash\s+\S+\.sh\b|\bnpm\b|\bmake\b)/;

/** Forgets file contents a shell command may have changed: files it names, or all when it names none. */
function forgetChangedFiles(files: Record<string, SweFileState>, command: string): void {
  const cleaned = command.replace(/\d*>&\d/g, '').replace(/\d*>\s*\/dev\/null/g, '');
  if (!MUTATING.test(cleaned)) return;
  const named = Object.keys(files).filter((path) => cleaned.includes(path.slice(path.lastIndexOf('/') + 1)));
  for (const path of named.length > 0 ? named : Object.keys(files)) delete files[path];
}

function cdTarget(command: string, cwd: string): string | undefined {
  const match = /^\s*cd\s+("[^"]*"|'[^']*'|[^\s;&|]+)\s*(?:$|&&|;)/.exec(command);
  if (match?.[1] === undefined) return undefined;
  const target = match[1].replace(/^["']|["']$/g, '');
  if (target === '~' || target.startsWith('~/') || target === '-') return undefined;
  return resolveSwePath(cwd, target);
}

/** gemini-cli's replace when it changed the file (smart-edit.ts): an edit, or a file created from an empty old_string. */
const GEMINI_REPLACED = /^(Successfully modified file: |Created new file: )/;

/** smart-edit.ts keeps whether the file ended with a newline, whatever the replacement did to it. */
function geminiKeepFinalNewline(before: string, after: string): string {
  if (before.endsWith('\n') && !after.endsWith('\n')) return `${after}\n`;
  if (!before.endsWith('\n') && after.endsWith('\n')) return after.replace(/\n$/, '');
  return after;
}

function applyFileTurn(
  files: Record<string, SweFileState>,
  action: SweAction,
  observation: string,
  path: string,
  turn: number,
): void {
  const operation = fileOperation(action);
  const known = files[path];
  const failed = looksLikeToolError(observation);
  if (operation === 'write') {
    if (failed) return;
    const content = str(action.arguments.content) ?? str(action.arguments.file_text) ?? '';
    files[path] = {
      content,
      seenLines: {},
      ...(known?.content === undefined ? {} : { previous: known.content }),
      source: 'write',
      turn,
    };
    return;
  }
  if (operation === 'edit') {
    // gemini-cli's replace answers its refusals in plain words; only these two texts mean the file changed.
    if (failed || (action.name === 'replace' && !GEMINI_REPLACED.test(observation))) return;
    const { old, new: replacement, all } = editStrings(action);
    const previous = known?.content === undefined ? {} : { previous: known.content };
    if (old === '' && (action.name === 'replace' || action.name === 'Edit')) {
      // An empty old string creates the file with the new text (both refuse it over a file with content).
      files[path] = { content: replacement ?? '', seenLines: {}, ...previous, source: 'edit', turn };
    } else if (known?.content !== undefined && old !== undefined && known.content.includes(old)) {
      let content = all
        ? known.content.split(old).join(replacement ?? '')
        : known.content.replace(old, () => replacement ?? '');
      if (action.name === 'replace') content = geminiKeepFinalNewline(known.content, content);
      files[path] = { content, seenLines: {}, previous: known.content, source: 'edit', turn };
    } else {
      delete files[path];
    }
    return;
  }
  if (operation === 'insert') {
    const line = action.arguments.insert_line;
    const text = str(action.arguments.new_str);
    if (failed || known?.content === undefined || typeof line !== 'number' || text === undefined) {
      if (!failed) delete files[path];
      return;
    }
    // The editor splits on every newline (a final one leaves an empty last line) and joins back.
    const lines = known.content.split('\n');
    lines.splice(line, 0, ...text.split('\n'));
    files[path] = {
      content: lines.join('\n'),
      seenLines: {},
      previous: known.content,
      source: 'edit',
      turn,
    };
    return;
  }
  if (operation === 'undo') {
    if (failed) return;
    if (known?.previous !== undefined)
      files[path] = { content: known.previous, seenLines: {}, source: 'edit', turn };
    else delete files[path];
    return;
  }
  if (operation === 'read' && !failed && known?.content === undefined) {
    const view = parseNumberedLines(observation);
    if (view === undefined) return;
    const seenLines: Record<string, string> = { ...(known?.seenLines ?? {}) };
    for (const line of view.lines) seenLines[String(line.number)] = line.text;
    files[path] = { seenLines, source: 'read', turn };
  }
}

/** The ledger after one turn: file knowledge, cwd, todos, background shells and submission. */
export function applySweTurn(
  ledger: SweLedger,
  action: SweAction,
  observation: string,
  _spec?: WorldSpec,
): SweLedger {
  const turn = ledger.turns + 1;
  const files: Record<string, SweFileState> = { ...ledger.files };
  let cwd = ledger.cwd;
  let todos = ledger.todos;
  let backgroundShells = ledger.backgroundShells;
  const path = targetPath(action, ledger.cwd);
  if (path !== undefined && fileOperation(action) !== undefined)
    applyFileTurn(files, action, observation, path, turn);
  const command = shellCommand(action);
  if (command !== undefined) {
    forgetChangedFiles(files, command);
    const target = cdTarget(command, cwd);
    if (target !== undefined && ledger.dialect !== 'mini-swe-agent' && ledger.dialect !== 'gemini-cli')
      cwd = target;
    const backgroundId = /running in background with ID: (\S+)/.exec(observation)?.[1];
    if (backgroundId !== undefined) {
      backgroundShells = [...backgroundShells, { id: backgroundId, command, turn }];
    }
    const pids = parseShellEnvelope(observation)?.fields['Background PIDs'];
    if (pids !== undefined && pids !== '(none)') {
      const added = pids.split(/[,\s]+/).filter((pid) => /^\d+$/.test(pid));
      backgroundShells = [...backgroundShells, ...added.map((id) => ({ id, command, turn }))];
    }
  }
  if (action.name === 'KillShell') {
    const id = str(action.arguments.shell_id);
    backgroundShells = backgroundShells.filter((shell) => shell.id !== id);
  }
  const todoText =
    action.name === 'TodoWrite' ? 'content' : action.name === 'write_todos' ? 'description' : undefined;
  if (todoText !== undefined && Array.isArray(action.arguments.todos)) {
    todos = action.arguments.todos.flatMap((item) => {
      if (item === null || typeof item !== 'object') return [];
      const text = (item as Record<string, unknown>)[todoText];
      if (typeof text !== 'string') return [];
      return [{ content: text, status: String((item as { status?: unknown }).status ?? 'pending') }];
    });
  }
  return {
    ...ledger,
    turns: turn,
    cwd,
    files,
    todos,
    backgroundShells,
    submitted: ledger.submitted || action.name === 'submit',
  };
}

/** A JSON view of the ledger: files with known content (sizes, not texts), cwd, todos, shells. */
export function summarizeSweLedger(ledger: SweLedger): Record<string, unknown> {
  const files: Record<string, unknown> = {};
  for (const [path, state] of Object.entries(ledger.files)) {
    files[path] =
      state.content === undefined
        ? { source: state.source, seenLines: Object.keys(state.seenLines).length }
        : { source: state.source, lines: fileLines(state.content).length };
  }
  return {
    dialect: ledger.dialect,
    turns: ledger.turns,
    cwd: ledger.cwd,
    files,
    todos: ledger.todos,
    backgroundShells: ledger.backgroundShells,
    submitted: ledger.submitted,
  };
}
