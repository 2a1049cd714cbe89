/**
 * SWE-agent's `str_replace_editor` (SWE-agent/SWE-agent 3ea751c0, tools/edit_anthropic/bin/str_replace_editor),
 * re-stated over a small file interface: the texts it prints, byte for byte, with the default registry
 * (no window expansion, no filemap, no linter). Every answer ends with the newline Python's `print` adds.
 */

/** What the editor needs of the files it edits (paths are absolute, as the agent wrote them). */
export interface SweAgentEditorFiles {
  exists(path: string): boolean;
  isDirectory(path: string): boolean;
  read(path: string): string;
  write(path: string, content: string): void;
  /** `find {path} -maxdepth 2 -not -path '*\/.*'`'s output for a folder. */
  listTree(path: string): string;
}

/** The editor's per-file undo stacks (SWE-agent keeps them in its registry between calls). */
export type SweAgentEditorHistory = Map<string, string[]>;

export interface SweAgentEditorResult {
  readonly output: string;
  readonly exitCode: number;
}

const SNIPPET_LINES = 4;
const MAX_RESPONSE_LEN = 16_000;
const TRUNCATED_MESSAGE =
  '<response clipped><NOTE>To save on context only part of this file has been shown to you. You should retry this tool after you have searched inside the file with `grep -n` in order to find the line numbers of what you are looking for.</NOTE>';

/** Python's `str.expandtabs()` (tab stops every 8 columns, counted from each line's start). */
export function expandTabs(text: string): string {
  if (!text.includes('\t')) return text;
  let out = '';
  let column = 0;
  for (const char of text) {
    if (char === '\t') {
      const spaces = 8 - (column % 8);
      out += ' '.repeat(spaces);
      column += spaces;
    } else if (char === '\n' || char === '\r') {
      out += char;
      column = 0;
    } else {
      out += char;
      column += 1;
    }
  }
  return out;
}

function maybeTruncate(content: string): string {
  const chars = Array.from(content);
  return chars.length <= MAX_RESPONSE_LEN
    ? content
    : chars.slice(0, MAX_RESPONSE_LEN).join('') + TRUNCATED_MESSAGE;
}

/** The editor's `_make_output`: a `cat -n` header and every `\n`-separated line numbered (a final empty one too). */
export function sweAgentMakeOutput(content: string, descriptor: string, firstLine = 1): string {
  const lines = expandTabs(maybeTruncate(content)).split('\n');
  const numbered = lines.map((line, index) => `${String(index + firstLine).padStart(6)}\t${line}`).join('\n');
  return `Here's the result of running \`cat -n\` on ${descriptor}:\n${numbered}\n`;
}

/** The editor's answer to `view` on a whole file. */
export function renderSweAgentView(path: string, content: string): string {
  return `${sweAgentMakeOutput(content, path)}\n`;
}

/** The editor's answer to a successful `str_replace` (a ±4-line snippet around the edit). */
export function renderSweAgentStrReplace(
  path: string,
  before: string,
  oldStr: string,
  newStr: string,
): string {
  const content = expandTabs(before);
  const old = expandTabs(oldStr);
  const replacement = expandTabs(newStr);
  const updated = content.split(old).join(replacement);
  const at = (content.split(old)[0] ?? '').split('\n').length - 1;
  const start = Math.max(1, at - SNIPPET_LINES);
  const end = Math.min(
    at + SNIPPET_LINES + (replacement.split('\n').length - 1),
    pythonSplitLines(updated).length,
  );
  const snippet = updated
    .split('\n')
    .slice(start - 1, end)
    .join('\n');
  return (
    `The file ${path} has been edited. ${sweAgentMakeOutput(snippet, `a snippet of ${path}`, start)}` +
    'Review the changes and make sure they are as expected. Edit the file again if necessary.\n'
  );
}

/** Python's `str.splitlines()` count for the line terminators a source file holds. */
function pythonSplitLines(text: string): string[] {
  if (text.length === 0) return [];
  // biome-ignore lint/suspicious/noControlCharactersInRegex: Python's splitlines() ends lines at these separators.
  const lines = text.split(/\r\n|\n|\r|\v|\f|\x1c|\x1d|\x1e|\x85|\u2028|\u2029/);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the same separators, at the end of the text.
  if (/(\r\n|\n|\r|\v|\f|\x1c|\x1d|\x1e|\x85|\u2028|\u2029)$/.test(text)) lines.pop();
  return lines;
}

function done(output: string, exitCode = 0): SweAgentEditorResult {
  return { output: `${output}\n`, exitCode };
}

function pythonList(values: readonly number[]): string {
  return `[${values.join(', ')}]`;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** Runs one editor call (`arguments` as the tool call carries them) against the files, as the real script does. */
export function runSweAgentEditor(
  args: Record<string, unknown>,
  files: SweAgentEditorFiles,
  history: SweAgentEditorHistory,
  cwd: string,
): SweAgentEditorResult {
  const command = String(args.command);
  const path = String(args.path);
  if (!path.startsWith('/')) {
    const suggested = `${cwd.replace(/\/$/, '')}/${path}`;
    return done(
      `The path ${path} is not an absolute path, it should start with \`/\`. Maybe you meant ${suggested}?`,
      6,
    );
  }
  const exists = files.exists(path);
  if (!exists && command !== 'create')
    return done(`The path ${path} does not exist. Please provide a valid path.`, 7);
  if (exists && command === 'create')
    return done(`File already exists at: ${path}. Cannot overwrite files using command \`create\`.`, 8);
  if (exists && files.isDirectory(path) && command !== 'view')
    return done(
      `The path ${path} is a directory and only the \`view\` command can be used on directories`,
      9,
    );
  const stack = history.get(path) ?? [];
  history.set(path, stack);
  switch (command) {
    case 'view':
      return view(path, args.view_range, files);
    case 'create': {
      const text = str(args.file_text);
      if (text === undefined) return done('Parameter `file_text` is required for command: create', 1);
      const parent = path.slice(0, path.lastIndexOf('/')) || '/';
      if (!files.exists(parent))
        return done(`The parent directory ${parent} does not exist. Please create it first.`, 21);
      files.write(path, text);
      stack.push(text);
      return done(`File created successfully at: ${path}`);
    }
    case 'str_replace': {
      const oldStr = str(args.old_str);
      if (oldStr === undefined) return done('Parameter `old_str` is required for command: str_replace', 2);
      const content = expandTabs(files.read(path));
      const old = expandTabs(oldStr);
      const replacement = expandTabs(str(args.new_str) ?? '');
      const occurrences = content.split(old).length - 1;
      if (occurrences === 0)
        return done(
          `No replacement was performed, old_str \`${old}\` did not appear verbatim in ${path}.`,
          15,
        );
      if (occurrences > 1) {
        const lines = content.split('\n').flatMap((line, index) => (line.includes(old) ? [index + 1] : []));
        return done(
          `No replacement was performed. Multiple occurrences of old_str \`${old}\` in lines ${pythonList(lines)}. Please ensure it is unique`,
          16,
        );
      }
      if (replacement === old)
        return done(
          `No replacement was performed, old_str \`${old}\` is the same as new_str \`${replacement}\`.`,
          161,
        );
      files.write(path, content.split(old).join(replacement));
      stack.push(content);
      return { output: renderSweAgentStrReplace(path, content, old, replacement), exitCode: 0 };
    }
    case 'insert':
      return insert(path, args, files, stack);
    case 'undo_edit': {
      const previous = stack.pop();
      if (previous === undefined) return done(`No edit history found for ${path}.`, 18);
      files.write(path, previous);
      return done(`Last edit to ${path} undone successfully. ${sweAgentMakeOutput(previous, path)}`);
    }
    default:
      return done(
        `Unrecognized command ${command}. The allowed commands for the str_replace_editor tool are: "view", "create", "str_replace", "insert", "undo_edit"`,
        5,
      );
  }
}

function view(path: string, range: unknown, files: SweAgentEditorFiles): SweAgentEditorResult {
  const hasRange = Array.isArray(range) && range.length > 0;
  if (files.isDirectory(path)) {
    if (hasRange)
      return done('The `view_range` parameter is not allowed when `path` points to a directory.', 10);
    return done(
      `Here's the files and directories up to 2 levels deep in ${path}, excluding hidden items:\n${files.listTree(path)}\n`,
    );
  }
  const content = files.read(path);
  if (!hasRange) return done(sweAgentMakeOutput(content, path));
  const values = range as unknown[];
  if (values.length !== 2 || !values.every((value) => Number.isInteger(value)))
    return done('Invalid `view_range`. It should be a list of two integers.', 11);
  const [first, last] = values as [number, number];
  const lines = content.split('\n');
  const count = lines.length;
  const shown = `[${first}, ${last}]`;
  if (first < 1 || first > count)
    return done(
      `Invalid \`view_range\`: ${shown}. Its first element \`${first}\` should be within the range of lines of the file: ${pythonList([1, count])}`,
      12,
    );
  if (last > count)
    return done(
      `Invalid \`view_range\`: ${shown}. Its second element \`${last}\` should be smaller than the number of lines in the file: \`${count}\``,
      13,
    );
  if (last !== -1 && last < first)
    return done(
      `Invalid \`view_range\`: ${shown}. Its second element \`${last}\` should be larger or equal than its first \`${first}\``,
      14,
    );
  const end = last === -1 ? count : last;
  return done(sweAgentMakeOutput(lines.slice(first - 1, end).join('\n'), path, first));
}

function insert(
  path: string,
  args: Record<string, unknown>,
  files: SweAgentEditorFiles,
  stack: string[],
): SweAgentEditorResult {
  const at = args.insert_line;
  if (typeof at !== 'number') return done('Parameter `insert_line` is required for command: insert', 3);
  const newStr = str(args.new_str);
  if (newStr === undefined) return done('Parameter `new_str` is required for command: insert', 4);
  const text = expandTabs(files.read(path));
  const lines = text.split('\n');
  if (at < 0 || at > lines.length)
    return done(
      `Invalid \`insert_line\` parameter: ${at}. It should be within the range of lines of the file: ${pythonList([0, lines.length])}`,
      17,
    );
  const added = expandTabs(newStr).split('\n');
  const updated = [...lines.slice(0, at), ...added, ...lines.slice(at)];
  const snippet = [
    ...lines.slice(Math.max(0, at - SNIPPET_LINES), at),
    ...added,
    ...lines.slice(at, at + SNIPPET_LINES),
  ];
  files.write(path, updated.join('\n'));
  stack.push(text);
  return done(
    `The file ${path} has been edited. ${sweAgentMakeOutput(snippet.join('\n'), 'a snippet of the edited file', Math.max(1, at - SNIPPET_LINES + 1))}` +
      'Review the changes and make sure they are as expected (correct indentation, no duplicate lines, etc). Edit the file again if necessary.',
  );
}

/** SWE-agent's default first-stage submit review message (config/default.yaml SUBMIT_REVIEW_MESSAGES). */
export const SWE_AGENT_SUBMIT_REVIEW =
  'Thank you for your work on this issue. Please carefully follow the steps below to help review your changes.\n\n' +
  '1. If you made any changes to your code after running the reproduction script, please run the reproduction script again.\n' +
  '  If the reproduction script is failing, please revisit your changes and make sure they are correct.\n' +
  '  If you have already removed your reproduction script, please ignore this step.\n' +
  "2. Remove your reproduction script (if you haven't done so already).\n" +
  '3. If you have modified any TEST files, please revert them to the state they had before you started fixing the issue.\n' +
  '  You can do this with `git checkout -- /path/to/test/file.py`. Use below <diff> to find the files you need to revert.\n' +
  '4. Run the submit command again to confirm.\n\n' +
  'Here is a list of all of your changes:\n\n' +
  '<diff>\n{{diff}}\n</diff>\n';

/** `submit`'s first answer: the review message with the diff (tools/review_on_submit_m/bin/submit). */
export function renderSweAgentSubmitReview(patch: string): string {
  return `${SWE_AGENT_SUBMIT_REVIEW.replace('{{diff}}', () => patch)}\n`;
}

/** `submit`'s final answer: the patch between two `<<SWE_AGENT_SUBMISSION>>` lines. */
export function renderSweAgentSubmission(patch: string): string {
  return `<<SWE_AGENT_SUBMISSION>>\n${patch}\n<<SWE_AGENT_SUBMISSION>>\n`;
}
