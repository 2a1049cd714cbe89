/**
 * A sim-vs-real compare: every policy plays every task in the simulator and on the real engine (one rollout
 * batch each, same run seed, so paired episodes share their seed and perturbation draws), then every simulated
 * episode is replayed in real. Each (policy, side) commits to its own JSONL under `outDir`
 * (`<policy>.sim.jsonl`, `<policy>.real.jsonl`, `<policy>.replay.jsonl`), so a compare killed at any point
 * resumes where it stopped; the report is built from what is committed and also written to `report.json`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import type { Engine } from '../../core/engine.js';
import { AgentWorldError } from '../../core/errors.js';
import type { ScoreEpisode } from '../../tasks/scoring.js';
import { readEpisodeLog } from '../episode-log.js';
import { runBatch } from '../run-batch.js';
import type { LoadedTask } from '../types.js';
import {
  buildCompareReport,
  type CompareReport,
  type PolicyEpisodes,
  type Side,
} from './agreement-report.js';
import type { ComparePolicy } from './policy-roster.js';
import { type EpisodeRunSettings, replayInReal } from './replay-in-real.js';

export interface CompareOptions extends CallOptions, EpisodeRunSettings {
  readonly tasks: readonly LoadedTask[];
  /** The policies to rank (at least two for a τ). */
  readonly policies: readonly ComparePolicy[];
  readonly simEngine: Engine;
  readonly realEngine: Engine;
  /** Names of the two engines, as the report shows them (e.g. `lwm:Qwen/…`, `real`). */
  readonly simEngineName: string;
  readonly realEngineName: string;
  readonly score: ScoreEpisode;
  readonly outDir: string;
  readonly episodesPerTask: number;
  readonly seed?: number | undefined;
  /** Called before each (policy, side) starts, for a status line. */
  readonly onPhase?: ((phase: { readonly policy: string; readonly side: Side }) => void) | undefined;
}

/** The output file of one policy on one side. */
export function compareOutPath(outDir: string, policyId: string, side: Side): string {
  return join(outDir, `${policyId}.${side}.jsonl`);
}

export const COMPARE_REPORT_FILE = 'report.json';

export async function runCompare(options: CompareOptions): Promise<CompareReport> {
  if (options.policies.length === 0)
    throw new AgentWorldError('INVALID_REQUEST', 'A compare needs at least one policy (two to rank them).');
  const ids = new Set(options.policies.map((policy) => policy.id));
  if (ids.size !== options.policies.length)
    throw new AgentWorldError('INVALID_REQUEST', 'Every policy of a compare needs its own id.');
  throwIfAborted(options.signal);
  await mkdir(options.outDir, { recursive: true });
  const seed = options.seed ?? 0;
  const shared = {
    tasks: options.tasks,
    score: options.score,
    episodesPerTask: options.episodesPerTask,
    groupSize: 1,
    seed,
    concurrency: options.concurrency,
    budgets: options.budgets,
    maxInfraRetries: options.maxInfraRetries,
    episodeTimeoutMs: options.episodeTimeoutMs,
    clock: options.clock,
    progress: options.progress,
    signal: options.signal,
    onEvent: (event: { type: string; message?: string }) => {
      if (event.type === 'warning' && event.message !== undefined) options.onWarning?.(event.message);
    },
  };
  let ran = 0;
  let skipped = 0;
  const policies: { id: string; episodes: PolicyEpisodes }[] = [];
  for (const policy of options.policies) {
    const run = async (side: 'sim' | 'real', engine: Engine) => {
      options.onPhase?.({ policy: policy.id, side });
      const report = await runBatch({
        ...shared,
        engine,
        policyFactory: policy.factory,
        outPath: compareOutPath(options.outDir, policy.id, side),
      });
      ran += report.ran;
      skipped += report.skipped;
    };
    await run('sim', options.simEngine);
    await run('real', options.realEngine);
    const read = async (side: Side) => {
      const { episodes, warnings } = await readEpisodeLog(
        compareOutPath(options.outDir, policy.id, side),
        options,
      );
      for (const warning of warnings) options.onWarning?.(warning);
      return episodes;
    };
    const sim = await read('sim');
    options.onPhase?.({ policy: policy.id, side: 'replay' });
    const replay = await replayInReal({
      tasks: options.tasks,
      simulated: sim.filter((line) => line.episodeIndex < options.episodesPerTask),
      engine: options.realEngine,
      score: options.score,
      outPath: compareOutPath(options.outDir, policy.id, 'replay'),
      concurrency: options.concurrency,
      budgets: options.budgets,
      maxInfraRetries: options.maxInfraRetries,
      episodeTimeoutMs: options.episodeTimeoutMs,
      clock: options.clock,
      progress: options.progress,
      onWarning: options.onWarning,
      signal: options.signal,
    });
    ran += replay.ran;
    skipped += replay.skipped;
    policies.push({
      id: policy.id,
      episodes: { sim, real: await read('real'), replay: await read('replay') },
    });
  }
  const report = buildCompareReport({
    simEngine: options.simEngineName,
    realEngine: options.realEngineName,
    taskIds: options.tasks.map((loaded) => loaded.task.id),
    episodesPerTask: options.episodesPerTask,
    seed,
    policies,
    episodes: { ran, skipped },
  });
  await writeFile(join(options.outDir, COMPARE_REPORT_FILE), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}
