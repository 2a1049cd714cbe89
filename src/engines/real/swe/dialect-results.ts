/**
 * Each dialect's tools carried out in a SweWorkspace, answered with that harness's result texts (the domain's
 * renderers, which the conformance fixtures pin to the harnesses' sources).
 */
import { posix } from 'node:path';
import type { CallOptions } from '../../../core/abort.js';
import { AgentWorldError } from '../../../core/errors.js';
import {
  miniSweTimeoutMessage,
  renderSweAgentSubmission,
  renderSweAgentSubmitReview,
  runSweAgentEditor,
  SWE_AGENT_NO_OUTPUT,
  type SweAction,
  type SweDialect,
  sweRenderClaudeFileUpdated,
  sweRenderClaudeRead,
  sweRenderClaudeWriteCreated,
  sweRenderGeminiShellEnvelope,
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
    case 'claude-code:Bash': {
      const result = await workspace.run(text(args, 'command'), call);
      const output = result.output.replace(/\n$/, '');
      return result.code === 0 ? output : `Exit code ${result.code}\n${output}`;
    }
    case 'claude-code:Read': {
      const content = workspace.read(absolute(workspace, text(args, 'file_path')));
      return content === undefined
        ? '<tool_use_error>File does not exist.</tool_use_error>'
        : sweRenderClaudeRead(content);
    }
    case 'claude-code:Write': {
      const path = absolute(workspace, text(args, 'file_path'));
      const existed = workspace.read(path) !== undefined;
      workspace.write(path, text(args, 'content'));
      return existed
        ? sweRenderClaudeFileUpdated(path, text(args, 'content'), 1)
        : sweRenderClaudeWriteCreated(path);
    }
    case 'claude-code:Edit':
    case 'gemini-cli:edit':
      return editFile(dialect, args, workspace);
    case 'gemini-cli:read_file': {
      const path = absolute(workspace, text(args, 'absolute_path'));
      return workspace.read(path) ?? `File not found: ${path}`;
    }
    case 'gemini-cli:write_file': {
      const path = absolute(workspace, text(args, 'file_path'));
      const existed = workspace.read(path) !== undefined;
      workspace.write(path, text(args, 'content'));
      return existed
        ? `Successfully overwrote file: ${path}.`
        : `Successfully created and wrote to new file: ${path}.`;
    }
    case 'gemini-cli:run_shell_command': {
      const directory = text(args, 'directory');
      const command = text(args, 'command');
      const result = await workspace.run(
        directory.length > 0 ? `cd ${shellQuote(directory)} && ${command}` : command,
        call,
      );
      return sweRenderGeminiShellEnvelope({
        command,
        directory: directory.length > 0 ? directory : undefined,
        output: result.output,
        exitCode: result.code,
        processGroup: 40_000 + workspace.commandCount * 7,
      });
    }
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

async function editFile(
  dialect: SweDialect,
  args: Record<string, unknown>,
  workspace: SweWorkspace,
): Promise<string> {
  const path = absolute(workspace, text(args, 'file_path'));
  const content = workspace.read(path);
  const old = text(args, 'old_string');
  const count = content === undefined ? 0 : content.split(old).length - 1;
  if (content === undefined || count !== 1) {
    const reason =
      count === 0
        ? 'String to replace not found in file.'
        : `Found ${count} matches of the string to replace.`;
    return dialect === 'claude-code'
      ? `<tool_use_error>${reason}\nString: ${old}</tool_use_error>`
      : `Error: Failed to edit, ${count} occurrences found for old_string in ${path}.`;
  }
  const updated = content.replace(old, () => text(args, 'new_string'));
  workspace.write(path, updated);
  const line = content.slice(0, content.indexOf(old)).split('\n').length;
  return dialect === 'claude-code'
    ? sweRenderClaudeFileUpdated(path, updated, line)
    : `Successfully modified file: ${path} (1 replacements).`;
}
