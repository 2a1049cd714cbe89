import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { toAgentWorldError } from '../../core/errors.js';
import type { WorldSpec } from '../../core/world-spec.js';
import type { LoadedTask } from '../../tasks/load-task.js';
import type { TaskValidation } from '../../tasks/validate-task.js';
import type { JudgeSettings } from '../../tasks/verifiers/index.js';
import type { EngineFlags } from '../engine-factory.js';
import { formatError } from '../output.js';

const VALIDATE_HELP = `
For each task file (a FILE, or every .json/.yaml/.yml file under DIR), as a careful maintainer would:
  (a) its known "solution", played in a session, reaches the maximum reward (1.0);
  (b) doing nothing (the empty episode) scores at most 0.5;
  (c) no verifier's expected answer (final-answer expected, file-content equals/contains, page url) appears
      in the instruction or the first observation;
  (d) the solution played twice with the same seed shows the same observations (a real engine that differs
      gives a warning, a simulator a failure).
Engine: the engine flags; without them, real for terminal, swe, mcp, web and search worlds (replaying a
recording proves nothing here), else the default engine. Prints one line per task (PASS/FAIL and why);
exit status 1 when any task fails.
Examples:
  agentworld task validate tasks/
  agentworld task validate tasks/terminal-count.yaml --json
  agentworld task validate tasks/ --judge-url http://127.0.0.1:8000/v1 --judge-model Qwen/Qwen3-8B`;

export interface TaskValidateFlags extends EngineFlags {
  readonly json?: boolean | undefined;
  readonly seed?: number | undefined;
  readonly judgeUrl?: string | undefined;
  readonly judgeModel?: string | undefined;
  readonly judgeApiKey?: string | undefined;
}

function seedValue(value: string): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new InvalidArgumentError('must be a whole number ≥ 0');
  return parsed;
}

/** `agentworld task validate FILE|DIR`. */
export function registerTaskCommand(
  program: Command,
  withEngineOptions: (command: Command) => Command,
): void {
  const task = program.command('task').description('work with task files: validate them');
  withEngineOptions(
    task
      .command('validate')
      .description(
        'check task files: the solution reaches reward 1, doing nothing scores ≤ 0.5, no answer leaks, same seed → same episode',
      )
      .argument('<path>', 'a task file (.json/.yaml/.yml) or a folder of them')
      .option('--json', 'print one JSON array of the results')
      .option('--seed <n>', "seed of the episodes (default: the world's seed, else 0)", seedValue)
      .option(
        '--judge-url <url>',
        'OpenAI-compatible base URL of the rubric judge (env AGENTWORLD_JUDGE_URL)',
      )
      .option('--judge-model <name>', 'rubric judge model (env AGENTWORLD_JUDGE_MODEL)')
      .option('--judge-api-key <key>', 'API key of the judge (env AGENTWORLD_JUDGE_API_KEY)')
      .addHelpText('after', VALIDATE_HELP),
  ).action(async (path: string, flags: TaskValidateFlags) => {
    process.exitCode = await runTaskValidate(path, flags);
  });
}

function judgeOf(flags: TaskValidateFlags): JudgeSettings | undefined {
  const baseURL = flags.judgeUrl ?? process.env.AGENTWORLD_JUDGE_URL;
  if (baseURL === undefined) return undefined;
  return {
    baseURL,
    model: flags.judgeModel ?? process.env.AGENTWORLD_JUDGE_MODEL,
    apiKey: flags.judgeApiKey ?? process.env.AGENTWORLD_JUDGE_API_KEY,
  };
}

/** The domains with a real executor (REAL_ENGINE_DOMAINS, not imported: the real engines load only when used). */
const REAL_ENGINE_DOMAINS: readonly string[] = ['terminal', 'mcp', 'swe', 'web', 'search'];

/** The engine of a validation episode: the flags' choice, else real where the domain has a real executor. */
function engineFlagsFor(flags: TaskValidateFlags, spec: WorldSpec, chosen: string | undefined): EngineFlags {
  if (chosen !== undefined) return flags;
  const hasReal = REAL_ENGINE_DOMAINS.includes(spec.domain);
  return hasReal ? { ...flags, engine: 'real' } : flags;
}

function line(result: TaskValidation): string {
  const rewards = `solution ${result.solutionReward ?? '–'}, empty ${result.emptyReward ?? '–'}`;
  const warnings = result.warnings.map((warning) => `\n  warning: ${warning}`).join('');
  if (result.passed) return `PASS ${result.id} (${rewards})${warnings}`;
  return `FAIL ${result.id} (${rewards}): ${result.failures.join('; ')}${warnings}`;
}

export async function runTaskValidate(path: string, flags: TaskValidateFlags): Promise<number> {
  const { loadTask, taskFilesIn } = await import('../../tasks/load-task.js');
  const { validateTask } = await import('../../tasks/validate-task.js');
  const { createEngineFromFlags, engineKindOfFlags } = await import('../engine-factory.js');
  const chosen = engineKindOfFlags(flags);
  let files: string[];
  try {
    files = await taskFilesIn(path);
  } catch (error) {
    console.error(formatError(toAgentWorldError(error), process.stderr));
    return 1;
  }
  const results: TaskValidation[] = [];
  const ids = new Map<string, string>();
  const judge = judgeOf(flags);
  for (const file of files) {
    let loaded: LoadedTask;
    try {
      loaded = await loadTask(file);
    } catch (error) {
      results.push({
        id: file,
        file,
        passed: false,
        failures: [toAgentWorldError(error).message],
        warnings: [],
      });
      if (flags.json !== true) console.log(line(results[results.length - 1] as TaskValidation));
      continue;
    }
    const other = ids.get(loaded.task.id);
    let result: TaskValidation;
    if (other !== undefined) {
      result = {
        id: loaded.task.id,
        file,
        passed: false,
        failures: [`duplicate task id (also in ${other})`],
        warnings: [],
      };
    } else {
      ids.set(loaded.task.id, file);
      result = await validateTask(loaded, {
        createEngine: (spec) => createEngineFromFlags(engineFlagsFor(flags, spec, chosen), { spec }),
        verifiers: { judge },
        seed: flags.seed,
      });
    }
    results.push(result);
    if (flags.json !== true) console.log(line(result));
  }
  if (flags.json === true) {
    const view = results.map(({ solution, empty, ...rest }) => ({
      ...rest,
      ...(solution === undefined ? {} : { solutionVerifiers: solution.verifiers }),
      ...(empty === undefined ? {} : { emptyVerifiers: empty.verifiers }),
    }));
    process.stdout.write(`${JSON.stringify(view, null, 2)}\n`);
  } else {
    const passed = results.filter((result) => result.passed).length;
    console.log(`${passed}/${results.length} task(s) passed`);
  }
  return results.every((result) => result.passed) ? 0 : 1;
}
