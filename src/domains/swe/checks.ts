import type { CheckContext } from '../../core/domain.js';
import type { CheckResult } from '../../core/turn.js';
import { nonEmptyCheck, scaffoldingCheck } from '../shared/index.js';
import { actionTexts, specKnownTexts, successClaimCheck } from '../shared/success-claim-check.js';
import type { SweAction } from './actions.js';
import { GEMINI_SHELL_FIELDS, parseShellEnvelope } from './dialects/gemini-cli/index.js';
import { MINI_SWE_OUTPUT_LIMIT, parseMiniSweResult } from './dialects/mini-swe-agent/index.js';
import { expandTabs } from './dialects/swe-agent/render.js';
import { looksLikeToolError } from './error-signs.js';
import { editStrings, fileOperation, type SweLedger, shellCommand, targetPath } from './ledger.js';
import { codePointLength, fileLines } from './observation-format.js';
import { parseNumberedLines } from './observation-parse.js';
import { resolveSwePath } from './paths.js';

export type SweCheckContext = CheckContext<SweAction, SweLedger>;

const pass = (id: string): CheckResult => ({ id, status: 'pass' });
const skip = (id: string, message?: string): CheckResult =>
  message === undefined ? { id, status: 'skip' } : { id, status: 'skip', message };
const fail = (id: string, message: string): CheckResult => ({ id, status: 'fail', message });

function safely(id: string, run: () => CheckResult): CheckResult {
  try {
    return run();
  } catch (error) {
    return skip(id, `check could not run: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Claude Code cuts lines longer than this in Read results. */
const READ_LINE_LIMIT = 2000;

function firstDifference(
  shown: readonly { number: number; text: string }[],
  expected: readonly string[],
): string | undefined {
  for (const line of shown) {
    const want = expected[line.number - 1];
    if (line.text.length >= READ_LINE_LIMIT) continue;
    if (want === undefined) {
      if (line.text.trim().length === 0 && line.number === expected.length + 1) continue;
      return `line ${line.number} is shown but the file has ${expected.length} lines`;
    }
    if (line.text !== want.replace(/\r$/, '')) {
      return `line ${line.number} shows ${JSON.stringify(line.text.slice(0, 80))}, expected ${JSON.stringify(want.slice(0, 80))}`;
    }
  }
  return undefined;
}

/** A `cat <one file>` command, as mini-swe-agent and swe-agent agents read files. */
function catTarget(command: string, cwd: string): string | undefined {
  const match = /^\s*cat\s+("[^"]+"|'[^']+'|[^\s;&|<>*?]+)\s*$/.exec(command);
  if (match?.[1] === undefined || match[1].startsWith('-')) return undefined;
  return resolveSwePath(cwd, match[1].replace(/^["']|["']$/g, ''));
}

/** Claude Code's Read when nothing is left to show from the offset on, or the file is empty (2.0.77 `Fn8`). */
const CLAUDE_READ_WARNING =
  /^<system-reminder>Warning: the file exists but (?:is shorter than the provided offset \((\d+)\)\. The file has (\d+) lines\.|the contents are empty\.)<\/system-reminder>$/;

/**
 * Claude Code's warning in place of a Read's lines: right when the file (split on `\r?\n`, so a final newline
 * counts a last empty line) has nothing but empty text from the offset on, and has the line count it names.
 */
function claudeReadWarning(
  id: string,
  path: string,
  content: string,
  action: SweAction,
  warning: RegExpExecArray,
): CheckResult {
  const lines = content.split(/\r?\n/);
  if (warning[1] === undefined) {
    return content === ''
      ? pass(id)
      : fail(id, `${path} is not empty, yet the Read says its contents are empty`);
  }
  const offset = Number(warning[1]);
  const asked = typeof action.arguments.offset === 'number' ? action.arguments.offset : 1;
  if (offset !== asked)
    return fail(id, `the Read warns of offset ${offset}, but the call asked for ${asked}`);
  if (Number(warning[2]) !== lines.length)
    return fail(
      id,
      `${path} has ${lines.length} lines as Read counts them, but the warning says ${warning[2]}`,
    );
  return lines.slice(Math.max(offset - 1, 0)).join('\n') === ''
    ? pass(id)
    : fail(id, `${path} has lines from offset ${offset} on, yet the Read says it is shorter`);
}

/**
 * gemini-cli's read_file: the file's text as is, or after the truncation notice the window it names
 * (`Showing lines A-B of N total lines`, lines of `content.split('\n')`); a window with cut long lines is skipped.
 */
function geminiReadShows(id: string, path: string, content: string, observation: string): CheckResult {
  const notice =
    /^\nIMPORTANT: The file content has been truncated\.\nStatus: Showing lines (\d+)-(\d+) of (\d+) total lines\.\n[^\n]*\n\n--- FILE CONTENT \(truncated\) ---\n/.exec(
      observation,
    );
  if (notice === null) {
    return observation.replace(/\s+$/, '') === content.replace(/\s+$/, '')
      ? pass(id)
      : fail(id, `${path} does not show the content written earlier in the session`);
  }
  const lines = content.split('\n');
  if (Number(notice[3]) !== lines.length)
    return fail(
      id,
      `${path} has ${lines.length} lines as read_file counts them, but the notice says ${notice[3]}`,
    );
  const shown = observation.slice(notice[0].length);
  if (shown.includes('... [truncated]')) return skip(id, 'long lines cut');
  const window = lines.slice(Number(notice[1]) - 1, Number(notice[2])).join('\n');
  return shown === window
    ? pass(id)
    : fail(
        id,
        `${path}: lines ${notice[1]}-${notice[2]} differ from the content written earlier in the session`,
      );
}

/**
 * `read-shows-written`: a view of a file whose content this session established (written, edited or given in
 * the initial state) shows that content: Read/view numbered lines (or Read's warning that nothing is left from
 * the offset on), gemini read_file text (or the window its truncation notice names), or `cat <file>`.
 */
export function readShowsWrittenCheck(context: SweCheckContext): CheckResult {
  const id = 'read-shows-written';
  const { action, ledger, observation } = context;
  const command = shellCommand(action);
  const catPath = command === undefined ? undefined : catTarget(command, ledger.cwd);
  const path = catPath ?? (fileOperation(action) === 'read' ? targetPath(action, ledger.cwd) : undefined);
  const content = path === undefined ? undefined : ledger.files[path]?.content;
  if (path === undefined || content === undefined) return skip(id);
  // SWE-agent's editor numbers every `\n`-separated line, so a final newline shows an empty last line.
  const expected =
    action.name === 'str_replace_editor' ? expandTabs(content).split('\n') : fileLines(content);
  if (catPath !== undefined) {
    const mini = parseMiniSweResult(observation);
    const envelope = parseShellEnvelope(observation);
    const shown =
      mini?.output ??
      envelope?.fields.Output ??
      (mini === undefined && envelope === undefined ? observation : undefined);
    if (shown === undefined) return skip(id);
    if (mini !== undefined && mini.returncode !== 0)
      return fail(id, `cat of ${path}, written earlier, failed`);
    if (shown.replace(/\s+$/, '') === content.replace(/\s+$/, '')) return pass(id);
    return fail(id, `cat ${path} does not show the content written earlier in the session`);
  }
  if (looksLikeToolError(observation)) {
    return fail(id, `${path} was written earlier in the session but the read failed`);
  }
  if (action.name === 'read_file') return geminiReadShows(id, path, content, observation);
  const warning = CLAUDE_READ_WARNING.exec(observation.trim());
  if (action.name === 'Read' && warning !== null)
    return claudeReadWarning(id, path, content, action, warning);
  const view = parseNumberedLines(observation);
  if (view !== undefined && view.lines.length > 0) {
    const problem = firstDifference(view.lines, expected);
    return problem === undefined ? pass(id) : fail(id, `${path}: ${problem}`);
  }
  if (expected.length === 0) return pass(id);
  return fail(id, `${path} has known content but the observation shows no numbered lines`);
}

/**
 * `edit-anchor`: an edit whose old string is absent from the file's known content must fail; one whose old
 * string occurs exactly once must not fail for want of the anchor.
 */
export function editAnchorCheck(context: SweCheckContext): CheckResult {
  const id = 'edit-anchor';
  const { action, ledger, observation } = context;
  if (fileOperation(action) !== 'edit') return skip(id);
  const path = targetPath(action, ledger.cwd);
  const content = path === undefined ? undefined : ledger.files[path]?.content;
  const { old, all } = editStrings(action);
  if (content === undefined || old === undefined || old.length === 0) return skip(id);
  const count = content.split(old).length - 1;
  const failed = looksLikeToolError(observation);
  if (count === 0) {
    return failed
      ? pass(id)
      : fail(id, `the old string is not in ${path} as this session knows it, yet the edit did not fail`);
  }
  if (count === 1 || all) {
    return failed && /not found|did not appear|could not find|0 occurrences/i.test(observation)
      ? fail(id, `the old string occurs in ${path}, yet the edit reports it missing`)
      : pass(id);
  }
  return skip(id, `the old string occurs ${count} times`);
}

/** Per-dialect format of the result envelopes. */
export function envelopeFormatCheck(context: SweCheckContext): CheckResult {
  const id = 'envelope-format';
  const { action, ledger, observation } = context;
  const operation = fileOperation(action);
  switch (ledger.dialect) {
    case 'mini-swe-agent': {
      const result = parseMiniSweResult(observation);
      if (result === undefined) return fail(id, 'expected <returncode>N</returncode> first');
      if (result.exception !== undefined) return pass(id);
      if (result.output !== undefined) {
        return codePointLength(result.output) >= MINI_SWE_OUTPUT_LIMIT
          ? fail(
              id,
              `an output of ${MINI_SWE_OUTPUT_LIMIT} characters or more must be elided to head and tail`,
            )
          : pass(id);
      }
      return result.head !== undefined && result.tail !== undefined && result.elidedChars !== undefined
        ? pass(id)
        : fail(id, 'expected <output> or <output_head>/<elided_chars>/<output_tail>');
    }
    case 'gemini-cli': {
      if (action.name !== 'run_shell_command') return skip(id);
      const envelope = parseShellEnvelope(observation);
      if (envelope === undefined) {
        return looksLikeToolError(observation)
          ? pass(id)
          : fail(id, 'expected the Command:/Directory:/… envelope');
      }
      const missing = GEMINI_SHELL_FIELDS.filter((field) => envelope.fields[field] === undefined);
      if (missing.length > 0) return fail(id, `envelope lacks ${missing.join(', ')}`);
      const empty = GEMINI_SHELL_FIELDS.filter((field) => (envelope.fields[field] ?? '').trim().length === 0);
      if (empty.length > 0) return fail(id, `empty fields must read (none): ${empty.join(', ')}`);
      const code = envelope.fields['Exit Code'] ?? '';
      if (!/^(\(none\)|-?\d+)$/.test(code)) return fail(id, `Exit Code is ${JSON.stringify(code)}`);
      const command = shellCommand(action);
      if (command !== undefined && envelope.fields.Command !== command) {
        return fail(id, 'the Command field does not repeat the command');
      }
      return pass(id);
    }
    case 'claude-code': {
      const path = targetPath(action, ledger.cwd);
      if (looksLikeToolError(observation) || path === undefined) return skip(id);
      if (operation === 'write') {
        return observation.startsWith(`File created successfully at: ${path}`) ||
          observation.startsWith(`The file ${path} has been updated`)
          ? pass(id)
          : fail(
              id,
              'a Write answers "File created successfully at: <path>" or "The file <path> has been updated…"',
            );
      }
      if (operation === 'edit') {
        return observation.startsWith(`The file ${path} has been updated`)
          ? pass(id)
          : fail(id, 'an Edit answers "The file <path> has been updated…" with a numbered snippet');
      }
      if (operation === 'read') {
        const view = parseNumberedLines(observation);
        if (view === undefined)
          return /<system-reminder>|empty/i.test(observation)
            ? pass(id)
            : fail(id, 'a Read shows arrow-numbered lines');
        return view.style === 'arrow' ? pass(id) : fail(id, 'a Read numbers lines with an arrow, not a tab');
      }
      return skip(id);
    }
    case 'swe-agent': {
      if (action.name !== 'str_replace_editor' || looksLikeToolError(observation)) return skip(id);
      const path = String(action.arguments.path ?? '');
      if (operation === 'write') {
        return observation.startsWith(`File created successfully at: ${path}`)
          ? pass(id)
          : fail(id, 'create answers "File created successfully at: <path>"');
      }
      if (operation === 'read' && ledger.files[resolveSwePath(ledger.cwd, path)] !== undefined) {
        const view = parseNumberedLines(observation);
        return view?.style === 'tab' ? pass(id) : fail(id, 'view of a file shows `cat -n` numbered lines');
      }
      return skip(id);
    }
  }
}

/** Every check of the swe domain, none of which throws. */
export function checkSweObservation(context: SweCheckContext): CheckResult[] {
  const nonEmpty =
    context.ledger.dialect === 'claude-code' && shellCommand(context.action) !== undefined
      ? skip('non-empty', 'Bash may print nothing')
      : nonEmptyCheck(context.observation);
  return [
    scaffoldingCheck(context.observation),
    nonEmpty,
    safely('read-shows-written', () => readShowsWrittenCheck(context)),
    safely('edit-anchor', () => editAnchorCheck(context)),
    safely('envelope-format', () => envelopeFormatCheck(context)),
    successClaimCheck({
      actionTexts: actionTexts(context.action.arguments),
      observation: context.observation,
      knownTexts: [
        ...specKnownTexts(context.spec),
        ...Object.values(context.ledger.files).flatMap((file) => [
          file.content,
          ...Object.values(file.seenLines),
        ]),
      ],
    }),
  ];
}
