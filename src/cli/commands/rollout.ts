import { writeFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { AgentWorldError, toAgentWorldError } from '../../core/errors.js';
import type { WorldSpec } from '../../core/world-spec.js';
import type { PolicyFactory } from '../../policies/index.js';
import type { RolloutPolicySettings } from '../../queue/job-schemas.js';
import type { BatchReport } from '../../rollout/index.js';
import type { LoadedTask } from '../../tasks/load-task.js';
import type { EngineFlags } from '../engine-factory.js';
import { formatError } from '../output.js';
import { runIdNotice, withQueueAndStore } from './queue-flags.js';
import { registerRolloutCompareCommand } from './rollout-compare.js';
import { judgeOf, positiveNumber, REAL_ENGINE_DOMAINS, wholeNumber } from './rollout-options.js';

const ROLLOUT_HELP = `
Runs a policy inside the worlds of a task set and scores every episode with the task's verifiers. The policy is
an OpenAI-compatible chat model (--policy-url, --policy-model), shown exactly what its harness shows (Terminus-2,
mini-swe-agent, SWE-agent, BrowserGym, the MCP client …) and read as that harness reads it; or --policy solution,
which plays each task's known solution (a smoke run of a task set). The world answers through the engine flags
(a world-model server, the embedded model, the real engines …). Every finished episode is committed at once to
--out (one JSON line: blame, reward, verifier results, the session with per-step provenance and perturbation
events, the policy's messages); rerunning with the same --out resumes without redoing or duplicating an episode.
Infrastructure failures (world model, policy server or verifier down) are retried and never scored.
Examples:
  agentworld rollout tasks/ --policy-url http://127.0.0.1:8001/v1 --policy-model Qwen/Qwen3-8B --model-url http://127.0.0.1:8000/v1 --model Qwen/Qwen-AgentWorld-35B-A3B --episodes 8 --group-size 4 --out runs.jsonl
  agentworld rollout tasks/terminal --policy solution --engine real --out smoke.jsonl
  agentworld rollout export runs.jsonl --format atif --out runs.atif.json
  agentworld rollout tasks/ --policy-url URL --policy-model M --model-url URL --model M --out runs.jsonl --queue redis://queue-host:6379 --store postgres://aw@db-host/agentworld
With --queue, each group (an episode and the members forked from it) becomes a job for \`agentworld worker\`; the
engine and policy flags travel with it (API keys come from the workers' environment), files they name (replays,
local models) must exist on the workers. Ctrl-C stops waiting; the same command again follows the same run.`;

export interface RolloutFlags extends EngineFlags {
  readonly out?: string | undefined;
  readonly policy?: 'chat' | 'solution' | undefined;
  readonly policyUrl?: string | undefined;
  readonly policyModel?: string | undefined;
  readonly policyApiKey?: string | undefined;
  readonly policyTemperature?: number | undefined;
  readonly policyMaxTokens?: number | undefined;
  readonly episodes: number;
  readonly groupSize: number;
  readonly concurrency: number;
  readonly seed: number;
  readonly episodeTimeout?: number | undefined;
  readonly maxInfraRetries: number;
  readonly maxTurns?: number | undefined;
  readonly maxPolicyTokens?: number | undefined;
  readonly maxSeconds?: number | undefined;
  readonly judgeUrl?: string | undefined;
  readonly judgeModel?: string | undefined;
  readonly judgeApiKey?: string | undefined;
  readonly json?: boolean | undefined;
  /** `--queue redis://…`: the groups as jobs for `agentworld worker`. */
  readonly queue?: string | undefined;
  readonly store?: string | undefined;
}

/** `agentworld rollout TASKS` and `agentworld rollout export EPISODES`. */
export function registerRolloutCommand(
  program: Command,
  withEngineOptions: (command: Command) => Command,
): void {
  const rollout = withEngineOptions(
    program
      .command('rollout')
      .description('run a policy in the worlds of a task set: scored, resumable episodes and GRPO groups')
      .argument('<tasks>', 'a task file (.json/.yaml) or a folder of them')
      // Not a requiredOption: commander checks a parent's mandatory options for its subcommands too.
      .option('--out <file>', 'JSONL of finished episodes, required (rerun with the same file to resume)')
      .addOption(
        new Option(
          '--policy <kind>',
          "chat: an OpenAI-compatible model; solution: play each task's known solution",
        )
          .choices(['chat', 'solution'])
          .default('chat'),
      )
      .option('--policy-url <url>', 'OpenAI-compatible base URL of the policy (env AGENTWORLD_POLICY_URL)')
      .option('--policy-model <name>', 'policy model name (env AGENTWORLD_POLICY_MODEL)')
      .option('--policy-api-key <key>', 'API key of the policy server (env AGENTWORLD_POLICY_API_KEY)')
      .option('--policy-temperature <t>', 'policy sampling temperature', Number)
      .option('--policy-max-tokens <n>', 'policy completion tokens per decision', wholeNumber(1))
      .option('--episodes <n>', 'episodes per task', wholeNumber(1), 1)
      .option('--group-size <n>', "members forked from each episode's reset (GRPO groups)", wholeNumber(1), 1)
      .option('--concurrency <n>', 'episodes running at once', wholeNumber(1), 4)
      .option('--seed <n>', "seed of the run (each group's seed is derived from it)", wholeNumber(0), 0)
      .option(
        '--episode-timeout <seconds>',
        'wall-clock limit of one episode (an infrastructure failure)',
        positiveNumber,
      )
      .option(
        '--max-infra-retries <n>',
        'retries of an episode that failed for infrastructure reasons',
        wholeNumber(0),
        2,
      )
      .option('--max-turns <n>', "policy decisions per episode (overrides the task's budget)", wholeNumber(1))
      .option('--max-policy-tokens <n>', 'policy tokens per episode', wholeNumber(1))
      .option('--max-seconds <s>', 'seconds per episode before it is truncated', positiveNumber)
      .option(
        '--judge-url <url>',
        'OpenAI-compatible base URL of the rubric judge (env AGENTWORLD_JUDGE_URL)',
      )
      .option('--judge-model <name>', 'rubric judge model (env AGENTWORLD_JUDGE_MODEL)')
      .option('--judge-api-key <key>', 'API key of the judge (env AGENTWORLD_JUDGE_API_KEY)')
      .option('--json', 'print the run report as JSON')
      .option(
        '--queue <url>',
        'enqueue the episodes (one job per group) on this Redis for `agentworld worker` processes, then write --out',
      )
      .option('--store <path|url>', 'with --queue: the store the workers write to (env AGENTWORLD_STORE)')
      .addHelpText('after', ROLLOUT_HELP),
  )
    // Options after a subcommand's name are the subcommand's (compare has its own --policy and --out).
    .enablePositionalOptions()
    .action(async (tasks: string, flags: RolloutFlags) => {
      if (flags.out === undefined) {
        console.error("error: required option '--out <file>' not specified");
        process.exitCode = 1;
        return;
      }
      process.exitCode = await runRollout(tasks, { ...flags, out: flags.out });
    });

  rollout
    .command('export')
    .description('turn committed episodes into what trainers read: OpenAI-messages JSONL or ATIF JSON')
    .argument('<episodes>', 'the JSONL a rollout wrote')
    .addOption(
      new Option('--format <format>', 'openai (JSONL) or atif (JSON)')
        .choices(['openai', 'atif'])
        .makeOptionMandatory(),
    )
    // `--out` is also the parent's option: commander gives it to whichever command declared it first.
    .option('--out <file>', 'the file to write')
    .action(
      async (episodes: string, flags: { format: 'openai' | 'atif'; out?: string }, command: Command) => {
        const out = flags.out ?? (command.parent?.opts() as { out?: string } | undefined)?.out;
        if (out === undefined) {
          console.error('error: agentworld rollout export needs --out <file>');
          process.exitCode = 1;
          return;
        }
        process.exitCode = await runRolloutExport(episodes, { format: flags.format, out });
      },
    );

  registerRolloutCompareCommand(rollout, withEngineOptions);
}

/** The chat policy's server and model (--policy-url/--policy-model or their env), refused when either is missing. */
function chatPolicyServer(flags: RolloutFlags): { baseUrl: string; model: string } {
  const baseUrl = flags.policyUrl ?? (process.env.AGENTWORLD_POLICY_URL || undefined);
  const model = flags.policyModel ?? (process.env.AGENTWORLD_POLICY_MODEL || undefined);
  if (baseUrl === undefined || model === undefined) {
    throw new AgentWorldError(
      'CONFIG_INVALID',
      "The chat policy needs --policy-url and --policy-model (or AGENTWORLD_POLICY_URL / AGENTWORLD_POLICY_MODEL); --policy solution plays the tasks' known solutions.",
    );
  }
  return { baseUrl, model };
}

async function policyFactoryOf(flags: RolloutFlags, tasks: readonly LoadedTask[]): Promise<PolicyFactory> {
  const policies = await import('../../policies/index.js');
  if (flags.policy === 'solution') {
    const { policyOfEntry } = await import('../../rollout/compare/index.js');
    return policyOfEntry({ id: 'solution', kind: 'solution' }, tasks).factory;
  }
  const { baseUrl, model } = chatPolicyServer(flags);
  return policies.openAiChatPolicyFactory({
    baseUrl,
    model,
    ...((flags.policyApiKey ?? process.env.AGENTWORLD_POLICY_API_KEY)
      ? { apiKey: flags.policyApiKey ?? process.env.AGENTWORLD_POLICY_API_KEY }
      : {}),
    sampling: {
      ...(flags.policyTemperature === undefined ? {} : { temperature: flags.policyTemperature }),
      ...(flags.policyMaxTokens === undefined ? {} : { maxTokens: flags.policyMaxTokens }),
    },
  });
}

/** The engine flags a worker needs (no API key: workers read AGENTWORLD_API_KEY). */
const ENGINE_FLAG_NAMES = [
  'engine',
  'localModel',
  'replay',
  'realServer',
  'cache',
  'retrievalCorpus',
  'retrievalK',
  'modelUrl',
  'model',
  'temperature',
  'maxTokens',
  'timeoutMs',
  'maxRetries',
  'retryBaseMs',
  'stream',
  'config',
] as const;

function policySettingsOf(flags: RolloutFlags): RolloutPolicySettings {
  if (flags.policy === 'solution') return { kind: 'solution' };
  const { baseUrl, model } = chatPolicyServer(flags);
  return {
    kind: 'chat',
    baseUrl,
    model,
    ...(flags.policyTemperature === undefined ? {} : { temperature: flags.policyTemperature }),
    ...(flags.policyMaxTokens === undefined ? {} : { maxTokens: flags.policyMaxTokens }),
  };
}

async function runQueuedRollout(
  tasks: readonly LoadedTask[],
  flags: RolloutFlags & { readonly out: string; readonly queue: string },
  signal: AbortSignal,
): Promise<number> {
  const { engineKindOfFlags } = await import('../engine-factory.js');
  const { runQueuedRollout: runQueued } = await import('../../queue/index.js');
  const engine: Record<string, unknown> = {};
  for (const name of ENGINE_FLAG_NAMES) if (flags[name] !== undefined) engine[name] = flags[name];
  const allReal = tasks.every((loaded) => REAL_ENGINE_DOMAINS.includes(loaded.spec.domain));
  if (engineKindOfFlags(flags) === undefined && allReal) engine.engine = 'real';
  const judge = judgeOf(flags);
  return await withQueueAndStore(flags.queue, flags.store, signal, async (queue, store) => {
    const report = await runQueued({
      queue,
      store,
      tasks,
      outPath: flags.out,
      episodesPerTask: flags.episodes,
      groupSize: flags.groupSize,
      seed: flags.seed,
      settings: {
        engine,
        policy: policySettingsOf(flags),
        ...(judge === undefined
          ? {}
          : {
              judge: {
                baseURL: judge.baseURL,
                ...(judge.model === undefined ? {} : { model: judge.model }),
              },
            }),
        maxInfraRetries: flags.maxInfraRetries,
        ...(flags.episodeTimeout === undefined ? {} : { episodeTimeoutMs: flags.episodeTimeout * 1000 }),
        budgets: {
          ...(flags.maxTurns === undefined ? {} : { maxTurns: flags.maxTurns }),
          ...(flags.maxPolicyTokens === undefined ? {} : { maxTokens: flags.maxPolicyTokens }),
          ...(flags.maxSeconds === undefined ? {} : { maxSeconds: flags.maxSeconds }),
        },
      },
      onWarning: (message) => process.stderr.write(`warning: ${message}\n`),
      onRunId: (runId) => process.stderr.write(`${runIdNotice(runId)}\n`),
      log: (line) => process.stderr.write(`${line}\n`),
      signal,
    });
    printReport(report, flags);
    return report.counts.infrastructure > 0 || report.failedJobs.length > 0 ? 1 : 0;
  });
}

function printReport(report: BatchReport, flags: RolloutFlags): void {
  if (flags.json === true) {
    console.log(JSON.stringify(report, null, 2));
    return;
  }
  const { counts } = report;
  console.log(
    `${report.ran} episodes run${report.retried > 0 ? ` (${report.retried} after an earlier infrastructure failure)` : ''}, ${report.skipped} already in ${report.outPath} (of ${report.planned} planned): ` +
      `success ${counts.success}, failure ${counts.failure}, invalid-action ${counts['invalid-action']}, ` +
      `infrastructure ${counts.infrastructure}; mean reward ${report.meanReward === undefined ? '–' : report.meanReward.toFixed(3)}`,
  );
}

export async function runRollout(
  path: string,
  flags: RolloutFlags & { readonly out: string },
): Promise<number> {
  const controller = new AbortController();
  const onSignal = (): void => controller.abort(new Error('interrupted'));
  if (flags.queue !== undefined) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  try {
    if (flags.queue !== undefined) {
      const { loadTasks } = await import('../../tasks/load-task.js');
      const tasks = await loadTasks(path);
      if (tasks.length === 0) throw new AgentWorldError('INVALID_REQUEST', `No task files in ${path}.`);
      return await runQueuedRollout(tasks, { ...flags, queue: flags.queue }, controller.signal);
    }
    const { loadTasks } = await import('../../tasks/load-task.js');
    const { createScoreEpisode } = await import('../../tasks/score-episode.js');
    const { runBatch } = await import('../../rollout/index.js');
    const { createEngineFromFlags, engineKindOfFlags } = await import('../engine-factory.js');
    const tasks = await loadTasks(path);
    if (tasks.length === 0) throw new AgentWorldError('INVALID_REQUEST', `No task files in ${path}.`);
    const chosen = engineKindOfFlags(flags);
    const firstSpec: WorldSpec | undefined = tasks[0]?.spec;
    const allReal = tasks.every((loaded) => REAL_ENGINE_DOMAINS.includes(loaded.spec.domain));
    // Without engine flags, tasks of domains with a real executor run on it (its by-domain router serves all).
    const engine =
      chosen === undefined && allReal
        ? await createEngineFromFlags({ ...flags, engine: 'real' })
        : await createEngineFromFlags(flags, {
            ...(firstSpec === undefined ? {} : { spec: firstSpec }),
            modelConcurrency: flags.concurrency,
          });
    const policyFactory = await policyFactoryOf(flags, tasks);
    try {
      const report = await runBatch({
        tasks,
        engine,
        policyFactory,
        score: createScoreEpisode({ judge: judgeOf(flags) }),
        outPath: flags.out,
        episodesPerTask: flags.episodes,
        groupSize: flags.groupSize,
        concurrency: flags.concurrency,
        seed: flags.seed,
        maxInfraRetries: flags.maxInfraRetries,
        ...(flags.episodeTimeout === undefined ? {} : { episodeTimeoutMs: flags.episodeTimeout * 1000 }),
        budgets: {
          ...(flags.maxTurns === undefined ? {} : { maxTurns: flags.maxTurns }),
          ...(flags.maxPolicyTokens === undefined ? {} : { maxTokens: flags.maxPolicyTokens }),
          ...(flags.maxSeconds === undefined ? {} : { maxSeconds: flags.maxSeconds }),
        },
        onEvent: (event) => {
          if (event.type === 'warning') process.stderr.write(`warning: ${event.message}\n`);
        },
      });
      printReport(report, flags);
      // Infrastructure failures that were never resolved make the exit status 1.
      return report.counts.infrastructure > 0 ? 1 : 0;
    } finally {
      await engine.close();
    }
  } catch (error) {
    console.error(formatError(toAgentWorldError(error), process.stderr));
    return controller.signal.aborted ? 130 : 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export async function runRolloutExport(
  path: string,
  flags: { format: 'openai' | 'atif'; out: string },
): Promise<number> {
  try {
    const { readEpisodeLog, toAtifJson, toOpenAiJsonl } = await import('../../rollout/index.js');
    const { episodes, warnings } = await readEpisodeLog(path);
    for (const warning of warnings) console.error(`warning: ${warning}`);
    const text = flags.format === 'openai' ? toOpenAiJsonl(episodes) : toAtifJson(episodes);
    await writeFile(flags.out, text);
    console.error(`exported ${episodes.length} episodes to ${flags.out}`);
    return 0;
  } catch (error) {
    console.error(formatError(toAgentWorldError(error), process.stderr));
    return 1;
  }
}
