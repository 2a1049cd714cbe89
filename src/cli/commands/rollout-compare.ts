import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import type { Engine } from '../../core/engine.js';
import { AgentWorldError, toAgentWorldError } from '../../core/errors.js';
import type { EngineFlags } from '../engine-factory.js';
import { formatError } from '../output.js';
import {
  type JudgeFlags,
  judgeOf,
  positiveNumber,
  REAL_ENGINE_DOMAINS,
  wholeNumber,
} from './rollout-options.js';

const COMPARE_HELP = `
Answers the question every user of a simulator must: does it rank agents as reality does? Each --policy plays
every task in the simulator (the engine flags: --engine local, --model-url …) and on the real engine, with the
same seeds and perturbation draws; then each simulated episode's actions are replayed on the real engine and
scored there (replay-in-real: would what the agent did in the simulator have worked for real?). Printed: each
policy's mean reward sim / real / replay-in-real with ranks, Kendall's τ-b between the simulated and the real
ranking (1: same order, −1: reversed, – when fewer than two policies can be ranked), the share of simulated
successes that also succeed replayed in real, and the tasks with the largest sim − real reward gaps.
Infrastructure episodes are left out and counted. Every episode is committed at once under --out DIR (one JSONL
per policy and side, and report.json): rerunning with the same --out resumes without redoing an episode.
Policies (repeat --policy):
  solution               each task's known solution
  partial[:FRACTION]     the first FRACTION (default 0.5) of the solution's actions, no answer
  noop                   ends at once
  chat:URL#MODEL         an OpenAI-compatible chat model through the world's harness adapter
  ID=…                   any of these under its own id, e.g. big=chat:http://127.0.0.1:8001/v1#Qwen/Qwen3-32B
Examples:
  agentworld rollout compare tasks/terminal --engine local --policy solution --policy partial --policy noop --out compare/
  agentworld rollout compare tasks/terminal --model-url http://127.0.0.1:8000/v1 --model Qwen/Qwen-AgentWorld-35B-A3B --policy solution --policy small=chat:http://127.0.0.1:8001/v1#Qwen/Qwen3-8B --policy noop --episodes 4 --out compare/`;

interface CompareFlags extends EngineFlags, JudgeFlags {
  readonly policy: string[];
  readonly out: string;
  readonly realEngine: 'real';
  readonly episodes: number;
  readonly seed: number;
  readonly concurrency: number;
  readonly maxTurns?: number | undefined;
  readonly episodeTimeout?: number | undefined;
  readonly maxInfraRetries: number;
  readonly policyApiKey?: string | undefined;
  readonly policyTemperature?: number | undefined;
  readonly policyMaxTokens?: number | undefined;
  readonly json?: boolean | undefined;
}

/** `agentworld rollout compare TASKS --policy … --policy … --out DIR`. */
export function registerRolloutCompareCommand(
  rollout: Command,
  withEngineOptions: (command: Command) => Command,
): void {
  withEngineOptions(
    rollout
      .command('compare')
      .description(
        "sim vs real: rank policies in the simulator and on the real engine (Kendall's τ), per-task gaps, replay-in-real",
      )
      .argument('<tasks>', 'a task file (.json/.yaml) or a folder of them, of domains with a real engine')
      .requiredOption(
        '--policy <policy>',
        'a policy to rank: solution, partial[:FRACTION], noop, chat:URL#MODEL, optionally ID=… (repeat)',
        (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
      )
      .requiredOption(
        '--out <dir>',
        'folder of the episodes and report.json (rerun with the same one to resume)',
      )
      .addOption(
        new Option('--real-engine <kind>', 'the engine taken as reality').choices(['real']).default('real'),
      )
      .option('--episodes <n>', 'episodes per task, policy and side', wholeNumber(1), 1)
      .option('--seed <n>', 'seed of the run (both sides share each episode seed)', wholeNumber(0), 0)
      .option('--concurrency <n>', 'episodes running at once', wholeNumber(1), 4)
      .option('--max-turns <n>', "policy decisions per episode (overrides the task's budget)", wholeNumber(1))
      .option(
        '--episode-timeout <seconds>',
        'wall-clock limit of one episode (an infrastructure failure)',
        positiveNumber,
      )
      .option('--max-infra-retries <n>', 'retries of an infrastructure failure', wholeNumber(0), 2)
      .option('--policy-api-key <key>', 'API key of the chat policies (env AGENTWORLD_POLICY_API_KEY)')
      .option('--policy-temperature <t>', 'sampling temperature of the chat policies', Number)
      .option('--policy-max-tokens <n>', 'completion tokens per chat-policy decision', wholeNumber(1))
      .option(
        '--judge-url <url>',
        'OpenAI-compatible base URL of the rubric judge (env AGENTWORLD_JUDGE_URL)',
      )
      .option('--judge-model <name>', 'rubric judge model (env AGENTWORLD_JUDGE_MODEL)')
      .option('--judge-api-key <key>', 'API key of the judge (env AGENTWORLD_JUDGE_API_KEY)')
      .option('--json', 'print the report as JSON (also written to DIR/report.json)')
      .addHelpText('after', COMPARE_HELP),
  ).action(async (tasks: string, flags: CompareFlags) => {
    process.exitCode = await runRolloutCompare(tasks, flags);
  });
}

/** The simulator's name in the report: its engine kind, with the model for a world-model server. */
async function simulatorName(flags: EngineFlags, kind: string): Promise<string> {
  if (kind !== 'lwm') return kind;
  const { resolveModelSettings } = await import('../config.js');
  const model = resolveModelSettings(flags).name;
  return model === undefined ? kind : `lwm:${model}`;
}

export async function runRolloutCompare(path: string, flags: CompareFlags): Promise<number> {
  try {
    const { loadTasks } = await import('../../tasks/load-task.js');
    const { createScoreEpisode } = await import('../../tasks/score-episode.js');
    const compare = await import('../../rollout/compare/index.js');
    const { createEngineFromFlags, defaultEngineKind } = await import('../engine-factory.js');
    const entries = compare.parseRoster(flags.policy);
    if (entries.length < 2) {
      throw new AgentWorldError(
        'INVALID_REQUEST',
        'A compare ranks at least two policies: repeat --policy (e.g. --policy solution --policy noop).',
      );
    }
    const tasks = await loadTasks(path);
    if (tasks.length === 0) throw new AgentWorldError('INVALID_REQUEST', `No task files in ${path}.`);
    const unreal = tasks.filter((loaded) => !REAL_ENGINE_DOMAINS.includes(loaded.spec.domain));
    if (unreal.length > 0) {
      throw new AgentWorldError(
        'INVALID_REQUEST',
        `A compare needs a real engine for every task; ${unreal.map((loaded) => `${loaded.task.id} (${loaded.spec.domain})`).join(', ')} has none (real engines: ${REAL_ENGINE_DOMAINS.join(', ')}).`,
      );
    }
    const apiKey = flags.policyApiKey ?? (process.env.AGENTWORLD_POLICY_API_KEY || undefined);
    const policies = entries.map((entry) =>
      compare.policyOfEntry(entry, tasks, {
        apiKey,
        sampling: {
          ...(flags.policyTemperature === undefined ? {} : { temperature: flags.policyTemperature }),
          ...(flags.policyMaxTokens === undefined ? {} : { maxTokens: flags.policyMaxTokens }),
        },
      }),
    );
    const firstSpec = tasks[0]?.spec;
    const simKind = defaultEngineKind(flags, firstSpec);
    const engines: Engine[] = [];
    try {
      const simEngine = await createEngineFromFlags(flags, {
        ...(firstSpec === undefined ? {} : { spec: firstSpec }),
        modelConcurrency: flags.concurrency,
      });
      engines.push(simEngine);
      // Reality is never cached.
      const realEngine = await createEngineFromFlags({ ...flags, engine: flags.realEngine, cache: false });
      engines.push(realEngine);
      const report = await compare.runCompare({
        tasks,
        policies,
        simEngine,
        realEngine,
        simEngineName: await simulatorName(flags, simKind),
        realEngineName: flags.realEngine,
        score: createScoreEpisode({ judge: judgeOf(flags) }),
        outDir: resolve(flags.out),
        episodesPerTask: flags.episodes,
        seed: flags.seed,
        concurrency: flags.concurrency,
        maxInfraRetries: flags.maxInfraRetries,
        ...(flags.episodeTimeout === undefined ? {} : { episodeTimeoutMs: flags.episodeTimeout * 1000 }),
        ...(flags.maxTurns === undefined ? {} : { budgets: { maxTurns: flags.maxTurns } }),
        onWarning: (message) => process.stderr.write(`warning: ${message}\n`),
        onPhase: ({ policy, side }) => {
          if (process.stderr.isTTY === true) process.stderr.write(`${policy}: ${side}\n`);
        },
      });
      console.log(
        flags.json === true ? JSON.stringify(report, null, 2) : compare.formatCompareReport(report),
      );
      const { infrastructure } = report;
      return infrastructure.sim + infrastructure.real + infrastructure.replay > 0 ? 1 : 0;
    } finally {
      for (const engine of engines) await engine.close();
    }
  } catch (error) {
    console.error(formatError(toAgentWorldError(error), process.stderr));
    return 1;
  }
}
