/**
 * Each dialect's tools carried out in a SweWorkspace, answered with that harness's result texts (the domain's
 * renderers, which the conformance fixtures pin to the harnesses' sources).
 */
import { posix } from 'node:path';
import type { CallOptions } from '../../../core/abort.js';
import { AgentWorldError } from '../../../core/errors.js';
import {
  claudeApplyEdit,
  claudeEditRefusal,
  claudeInputValidationError,
  renderClaudeBash,
  renderClaudeEditUpdated,
  renderClaudeFileDoesNotExist,
  renderClaudeInputValidationError,
  renderClaudeRead,
  renderClaudeToolUseError,
  renderClaudeWriteCreated,
  renderClaudeWriteUpdated,
} from '../../../domains/swe/dialects/claude-code/index.js';
import {
  geminiToolParamsError,
  renderGeminiFileNotFound,
  renderGeminiListDirectory,
  renderGeminiPathIsDirectory,
  renderGeminiReadFile,
  renderGeminiReplace,
  renderGeminiShellEnvelope,
  renderGeminiWriteFile,
  renderGeminiWriteTodos,
} from '../../../domains/swe/dialects/gemini-cli/index.js';
import {
  miniSweTimeoutMessage,
  renderSweAgentSubmission,
  renderSweAgentSubmitReview,
  runSweAgentEditor,
  SWE_AGENT_NO_OUTPUT,
  type SweAction,
  type SweDialect,
  sweRenderMiniException,
  sweRenderMiniObservation,
} from '../../../domains/swe/index.js';
import type { SweWorkspace } from './swe-workspace.js';

const text = (args: Record<string, unknown>, key: string): string =>
  typeof args[key] === 'string' ? (args[key] as string) : '';

const shellQuote = (value: string): string => `'${value.replaceAll("'", `'\\''`)}'`;

/** The observation of one action, carried out for real in the workspace. */
export async function sweResult(
  dialect: SweDialect,
  action: SweAction,
  workspace: SweWorkspace,
  call: CallOptions,
): Promise<string> {
  const args = action.arguments;
  switch (`${dialect}:${action.name}`) {
    case 'mini-swe-agent:bash':
      return miniSweBash(text(args, 'command'), workspace, call);
    case 'swe-agent:bash': {
      const result = await workspace.run(text(args, 'command'), call);
      return result.output.trim().length === 0 && result.code === 0
        ? SWE_AGENT_NO_OUTPUT
        : result.output.replace(/\n$/, '');
    }
    case 'swe-agent:str_replace_editor':
      return sweAgentEditor(args, workspace, call);
    case 'swe-agent:submit':
      return sweAgentSubmit(workspace, call);
    case 'claude-code:Bash':
    case 'claude-code:Read':
    case 'claude-code:Write':
    case 'claude-code:Edit':
      return claudeCodeResult(action.name, args, workspace, call);
    case 'gemini-cli:read_file':
    case 'gemini-cli:write_file':
    case 'gemini-cli:replace':
    case 'gemini-cli:run_shell_command':
    case 'gemini-cli:list_directory':
    case 'gemini-cli:write_todos':
      return geminiCliResult(action.name, args, workspace, call);
    default:
      throw new AgentWorldError(
        'UNSUPPORTED',
        `the real swe engine cannot run ${action.name} for ${dialect}`,
      );
  }
}

function absolute(workspace: SweWorkspace, path: string): string {
  return posix.resolve(workspace.cwd, path);
}

async function miniSweBash(command: string, workspace: SweWorkspace, call: CallOptions): Promise<string> {
  const result = await workspace.run(command, call);
  if (result.timedOut)
    return sweRenderMiniException(miniSweTimeoutMessage(command, workspace.timeoutSeconds), result.output);
  return sweRenderMiniObservation(result.code, result.output);
}

async function sweAgentEditor(
  args: Record<string, unknown>,
  workspace: SweWorkspace,
  call: CallOptions,
): Promise<string> {
  const path = String(args.path ?? '');
  const trees = new Map<string, string>();
  if (args.command === 'view' && path.startsWith('/') && workspace.isDirectory(path)) {
    const found = await workspace.run(`find ${shellQuote(path)} -maxdepth 2 -not -path '*/\\.*'`, call);
    trees.set(path, found.output);
  }
  return runSweAgentEditor(args, workspace.editorFiles(trees), workspace.editorHistory, workspace.cwd).output;
}

/** SWE-agent's review_on_submit_m: the review message with the diff first, then the submission. */
async function sweAgentSubmit(workspace: SweWorkspace, call: CallOptions): Promise<string> {
  const patch = (await workspace.run('git add -A && git diff --cached', call)).output;
  if (workspace.submitStage === 0) {
    workspace.submitStage = 1;
    return renderSweAgentSubmitReview(patch);
  }
  return renderSweAgentSubmission(patch);
}

/** Claude Code 2.0.77's answers (dialects/claude-code/render.ts). The shell's stdout and stderr arrive merged. */
async function claudeCodeResult(
  name: string,
  args: Record<string, unknown>,
  workspace: SweWorkspace,
  call: CallOptions,
): Promise<string> {
  const invalid = claudeInputValidationError(name, args);
  if (invalid !== undefined) return renderClaudeInputValidationError(invalid);
  if (name === 'Bash') {
    const command = text(args, 'command');
    const result = await workspace.run(command, call);
    return renderClaudeBash({ command, exitCode: result.code, stdout: result.output });
  }
  const path = absolute(workspace, text(args, 'file_path'));
  const content = workspace.read(path);
  if (name === 'Read') {
    if (content === undefined) return renderClaudeFileDoesNotExist();
    const offset = typeof args.offset === 'number' ? args.offset : 1;
    const limit = typeof args.limit === 'number' ? args.limit : undefined;
    return renderClaudeRead(content, offset, limit);
  }
  if (name === 'Write') {
    const next = text(args, 'content');
    workspace.write(path, next);
    return content === undefined ? renderClaudeWriteCreated(path) : renderClaudeWriteUpdated(path, next);
  }
  const edit = {
    old_string: text(args, 'old_string'),
    new_string: text(args, 'new_string'),
    replace_all: args.replace_all === true,
  };
  const refusal = claudeEditRefusal(edit, content);
  if (refusal !== undefined) return renderClaudeToolUseError(refusal);
  const original = content ?? '';
  workspace.write(path, claudeApplyEdit(original, edit.old_string, edit.new_string, edit.replace_all));
  return renderClaudeEditUpdated(path, original, edit.old_string, edit.new_string, edit.replace_all);
}

/** gemini-cli v0.20.0's answers (dialects/gemini-cli/render.ts); a refused call answers with the reason. */
async function geminiCliResult(
  name: string,
  args: Record<string, unknown>,
  workspace: SweWorkspace,
  call: CallOptions,
): Promise<string> {
  const refusal = geminiToolParamsError(name, args, {
    targetDir: workspace.cwd,
    isDirectory: (path) => workspace.isDirectory(path),
  });
  if (refusal !== undefined) return refusal;
  switch (name) {
    case 'run_shell_command': {
      const directory = text(args, 'dir_path');
      const command = text(args, 'command');
      const result = await workspace.run(
        directory.length > 0 ? `cd ${shellQuote(directory)} && ${command}` : command,
        call,
      );
      return renderGeminiShellEnvelope({
        command,
        directory,
        output: result.output,
        exitCode: result.code,
        processGroup: 40_000 + workspace.commandCount * 7,
      });
    }
    case 'list_directory': {
      const path = absolute(workspace, text(args, 'dir_path'));
      if (!workspace.isDirectory(path)) {
        return workspace.exists(path)
          ? `Error: Path is not a directory: ${path}`
          : `Error listing directory: ENOENT: no such file or directory, stat '${path}'`;
      }
      const listing = await workspace.run(`ls -A1p ${shellQuote(path)}`, call);
      const entries = listing.output
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => ({ name: line.replace(/\/$/, ''), isDirectory: line.endsWith('/') }));
      return renderGeminiListDirectory(path, entries);
    }
    case 'write_todos':
      return renderGeminiWriteTodos(args.todos as { description: string; status: string }[]);
    default:
      break;
  }
  const path = absolute(workspace, text(args, 'file_path'));
  const content = workspace.read(path);
  if (name === 'read_file') {
    if (content !== undefined) {
      const offset = typeof args.offset === 'number' ? args.offset : undefined;
      const limit = typeof args.limit === 'number' ? args.limit : undefined;
      return renderGeminiReadFile(content, offset, limit);
    }
    return workspace.isDirectory(path) ? renderGeminiPathIsDirectory(path) : renderGeminiFileNotFound(path);
  }
  if (name === 'write_file') {
    workspace.write(path, text(args, 'content'));
    return renderGeminiWriteFile(path, content === undefined);
  }
  const expected = typeof args.expected_replacements === 'number' ? args.expected_replacements : undefined;
  const outcome = renderGeminiReplace(path, content, {
    old_string: text(args, 'old_string'),
    new_string: text(args, 'new_string'),
    expected_replacements: expected,
  });
  if (outcome.content !== undefined) workspace.write(path, outcome.content);
  return outcome.text;
}
