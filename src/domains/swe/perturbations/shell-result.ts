import type { PerturbationContext } from '../../../core/perturbation.js';
import type { WorldSpec } from '../../../core/world-spec.js';
import { commandsOfLine, type ShellCommandInfo } from '../../terminal/perturbations/shell-commands.js';
import type { SweAction } from '../actions.js';
import { parseShellEnvelope, renderGeminiShellEnvelope } from '../dialects/gemini-cli/index.js';
import { type SweDialect, sweDialectOf } from '../dialects/index.js';
import { parseMiniSweResult, renderMiniSweObservation } from '../dialects/mini-swe-agent/index.js';
import { SWE_AGENT_NO_OUTPUT } from '../dialects/swe-agent/index.js';
import { readSweInitialData } from '../initial-data.js';
import { shellCommand } from '../ledger.js';

/** A shell command an action runs, with the harness that shows its result. */
export interface ShellRun {
  readonly command: string;
  readonly dialect: SweDialect;
  /** The simple commands of every line, described. */
  readonly commands: readonly ShellCommandInfo[];
  /** Where the repository is. */
  readonly cwd: string;
}

function isSweAction(value: unknown): value is SweAction {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as SweAction).name === 'string' &&
    typeof (value as SweAction).arguments === 'object'
  );
}

/** The dialect of a spec, falling back to claude-code for a spec the domain would refuse. */
export function dialectOf(spec: WorldSpec): SweDialect {
  try {
    return sweDialectOf(spec);
  } catch {
    return 'claude-code';
  }
}

/** The repository folder of a spec (its initial `cwd`). */
export function repositoryOf(spec: WorldSpec): string {
  try {
    return readSweInitialData(spec).cwd;
  } catch {
    return '/testbed';
  }
}

/** The shell command of this turn's action, when it runs one (Bash, bash, run_shell_command). */
export function shellRunOf(context: PerturbationContext): ShellRun | undefined {
  if (!isSweAction(context.action)) return undefined;
  const command = shellCommand(context.action);
  if (command === undefined || command.trim() === '') return undefined;
  return {
    command,
    dialect: dialectOf(context.spec),
    commands: command.split('\n').flatMap((line) => commandsOfLine(line)),
    cwd: repositoryOf(context.spec),
  };
}

/** The combined output a shell observation shows, read back out of the harness's envelope. */
export function shellOutputOf(observation: string, dialect: SweDialect): string {
  switch (dialect) {
    case 'mini-swe-agent': {
      const result = parseMiniSweResult(observation);
      return result?.output ?? [result?.head, result?.tail].filter((part) => part !== undefined).join('\n');
    }
    case 'gemini-cli': {
      const output = parseShellEnvelope(observation)?.fields.Output;
      return output === undefined || output === '(none)' ? '' : `${output}\n`;
    }
    case 'claude-code':
      return observation.replace(/^Exit code -?\d+\n/, '');
    case 'swe-agent':
      return observation.trim() === SWE_AGENT_NO_OUTPUT ? '' : observation;
  }
}

/**
 * The observation of a shell command that printed `output` and exited with `exitCode`, in the harness's own
 * format: mini-swe-agent's `<returncode>`/`<output>`, gemini-cli's envelope (keeping the folder and process
 * group of the original answer), Claude Code's raw output led by `Exit code N` on failure, SWE-agent's raw
 * output.
 */
export function renderShellResult(run: ShellRun, original: string, output: string, exitCode: number): string {
  const text = output.length === 0 || output.endsWith('\n') ? output : `${output}\n`;
  switch (run.dialect) {
    case 'mini-swe-agent':
      return renderMiniSweObservation(exitCode, text);
    case 'gemini-cli': {
      const fields = parseShellEnvelope(original)?.fields ?? {};
      const directory =
        fields.Directory === undefined || fields.Directory === '(root)' ? undefined : fields.Directory;
      const group = Number(fields['Process Group PGID']);
      return renderGeminiShellEnvelope({
        command: run.command,
        directory,
        output: text,
        exitCode,
        processGroup: Number.isInteger(group) && group > 0 ? group : undefined,
      });
    }
    case 'claude-code': {
      const body = text.replace(/\n$/, '');
      return exitCode === 0 ? body : `Exit code ${exitCode}\n${body}`;
    }
    case 'swe-agent':
      return text.trim() === '' ? SWE_AGENT_NO_OUTPUT : text.replace(/\n$/, '');
  }
}

/** Lines as one output text, ending in a newline. */
export function linesToOutput(lines: readonly string[]): string {
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}
