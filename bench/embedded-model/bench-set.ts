import type { SessionRecord } from '../../src/core/turn.js';
import type { LocalEngine } from '../../src/engines/local/index.js';
import type { BenchDomain } from './bench-domain.js';
import { closedLoop } from './closed-loop.js';
import { sortedCounts } from './engine-routing.js';
import { quantile, round } from './measures.js';
import { printTable } from './results-table.js';
import { loadSessions } from './session-files.js';
import { teacherForced } from './teacher-forced.js';

export interface SetOptions {
  /** The heading of the set's tables. */
  readonly name: string;
  readonly paths: readonly string[];
  /** Sessions measured teacher-forced, and how many of them also closed loop. */
  readonly sessions: number;
  readonly closedLoopSessions: number;
  readonly threads: number;
  /** Counts the families the model never saw as a group of their own (the grammar extension's set). */
  readonly groupUnseen: boolean;
}

/** One set of held-out sessions measured teacher-forced and closed loop: tables on stdout, results returned. */
export async function benchSet(
  engine: LocalEngine,
  domain: BenchDomain,
  options: SetOptions,
): Promise<Record<string, unknown>> {
  const { name } = options;
  const sessions = loadSessions(options.paths, options.sessions);
  const turns = sessions.reduce((sum, session) => sum + session.turns.length, 0);
  process.stderr.write(`${name}: ${sessions.length} sessions, ${turns} turns\n`);
  const groupsOf = (family: string, record: SessionRecord): string[] => {
    const groups: string[] = [];
    if (options.groupUnseen)
      groups.push(domain.unseenFamilies.has(family) ? '[families never seen]' : '[training families]');
    const session = domain.sessionGroup?.(record);
    if (session !== undefined) groups.push(session);
    return groups;
  };
  const before = engine.stats();
  const forced = await teacherForced(engine, sessions, domain.baselines(sessions), groupsOf);
  const after = engine.stats();
  const loop = await closedLoop(engine, sessions.slice(0, options.closedLoopSessions), groupsOf, (record) =>
    domain.sessionGroup?.(record),
  );
  const generated = after.generatedTokens - before.generatedTokens;
  const decodeSeconds = (after.decodeMs - before.decodeMs) / 1000;
  const baselines = Object.fromEntries(forced.baselines.map(({ name, tally }) => [name, tally.summary()]));
  printTable(`${name}: teacher-forced (recorded history), byte-exact / edit similarity`, {
    model: forced.model.summary(),
    ...baselines,
  });
  const routed = sortedCounts(forced.routed);
  const refusals = sortedCounts(forced.refusals);
  process.stdout.write(
    `not answered by the model (unsupported or outside its grammar), by family: ${JSON.stringify(routed)}\n`,
  );
  if (forced.refusals.size > 0) process.stdout.write(`refused, by reason: ${JSON.stringify(refusals)}\n`);
  process.stdout.write(`${domain.observations} cut at the byte limit: ${forced.truncated}\n`);
  printTable(
    `${name}: closed loop (the model's own ${domain.observations} as history; ${loop.routed} turns answered as unsupported)`,
    { model: loop.exact.summary() },
  );
  const failed = sortedCounts(loop.failedChecks);
  process.stdout.write(
    `failed deterministic checks in ${loop.checkedTurns} closed-loop turns: ${JSON.stringify(failed)}\n`,
  );
  const latency = {
    teacherForcedP50Ms: round(quantile(forced.latencies, 0.5), 1),
    teacherForcedP90Ms: round(quantile(forced.latencies, 0.9), 1),
    closedLoopP50Ms: round(quantile(loop.latencies, 0.5), 1),
    closedLoopP90Ms: round(quantile(loop.latencies, 0.9), 1),
    generatedTokensPerSecond: round(generated / Math.max(decodeSeconds, 1e-9), 0),
    closedLoopP50MsByGroup: Object.fromEntries(
      [...loop.latenciesByGroup.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([group, values]) => [group, round(quantile(values, 0.5), 1)]),
    ),
  };
  process.stdout.write(`latency and speed (CPU, ${options.threads} thread): ${JSON.stringify(latency)}\n`);
  return {
    sessions: sessions.length,
    turns,
    teacherForced: {
      model: forced.model.summary(),
      baselines,
      routed,
      refusals,
      truncated: forced.truncated,
    },
    closedLoop: {
      sessions: Math.min(sessions.length, options.closedLoopSessions),
      model: loop.exact.summary(),
      failedChecks: failed,
      turns: loop.checkedTurns,
      routed: loop.routed,
      refusals: sortedCounts(loop.refusals),
    },
    latency,
  };
}
