import type { Engine } from '../../src/core/engine.js';
import type { SessionRecord } from '../../src/core/turn.js';
import type { LocalEngine } from '../../src/engines/local/index.js';
import type { BenchDomain } from './bench-domain.js';
import { closedLoop } from './closed-loop.js';
import { sortedCounts } from './engine-routing.js';
import { quantile, round } from './measures.js';
import { printTable } from './results-table.js';
import { loadSessions } from './session-files.js';
import { latencyBySide, printSides, sideRates, summarizeSides } from './side-tally.js';
import { teacherForced } from './teacher-forced.js';

/** The engine measured: the plain `local` engine, or a `hybrid` over it (`local` is its model side). */
export interface BenchedEngine {
  /** `local` or `hybrid`: a prefix of every heading. */
  readonly name: string;
  readonly engine: Engine;
  /** The embedded model's engine, for its decode counters. */
  readonly local: LocalEngine;
  /** A session id per teacher-forced turn, so a hybrid's twin rebuilds each turn from the recorded history. */
  readonly turnSessions: boolean;
}

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
  /** A line saying how the set differs from the training sessions, printed under its heading. */
  readonly describe?: (sessions: readonly SessionRecord[]) => string;
}

/** One set of held-out sessions measured teacher-forced and closed loop: tables on stdout, results returned. */
export async function benchSet(
  benched: BenchedEngine,
  domain: BenchDomain,
  options: SetOptions,
): Promise<Record<string, unknown>> {
  const { engine, local } = benched;
  const name = `${benched.name}, ${options.name}`;
  const sessions = loadSessions(options.paths, options.sessions);
  const turns = sessions.reduce((sum, session) => sum + session.turns.length, 0);
  process.stderr.write(`${name}: ${sessions.length} sessions, ${turns} turns\n`);
  const difference = options.describe?.(sessions);
  if (difference !== undefined) process.stdout.write(`\n${options.name}: ${difference}\n`);
  const groupsOf = (family: string, record: SessionRecord): string[] => {
    const groups: string[] = [];
    if (options.groupUnseen)
      groups.push(domain.unseenFamilies.has(family) ? '[families never seen]' : '[training families]');
    const session = domain.sessionGroup?.(record);
    if (session !== undefined) groups.push(session);
    return groups;
  };
  const before = local.stats();
  const forced = await teacherForced(
    engine,
    sessions,
    domain.baselines(sessions),
    groupsOf,
    benched.turnSessions,
  );
  const after = local.stats();
  const loop = await closedLoop(engine, sessions.slice(0, options.closedLoopSessions), groupsOf, (record) =>
    domain.sessionGroup?.(record),
  );
  const generated = after.generatedTokens - before.generatedTokens;
  const decodeSeconds = (after.decodeMs - before.decodeMs) / 1000;
  const baselines = Object.fromEntries(forced.baselines.map(({ name, tally }) => [name, tally.summary()]));
  printTable(`${name}: teacher-forced (recorded history), byte-exact / edit similarity`, {
    [benched.name]: forced.model.summary(),
    ...baselines,
  });
  const sides = summarizeSides(forced.outcomes);
  const rates = sideRates(forced.outcomes);
  printSides(`${name}: teacher-forced, by answering side, turn position and confidence flag`, sides);
  process.stdout.write(`routed and flagged rates: ${JSON.stringify(rates)}\n`);
  const routed = sortedCounts(forced.routed);
  const refusals = sortedCounts(forced.refusals);
  process.stdout.write(
    `not answered (unsupported or outside the model grammar, neither side for a hybrid), by family: ${JSON.stringify(routed)}\n`,
  );
  if (forced.refusals.size > 0) process.stdout.write(`refused, by reason: ${JSON.stringify(refusals)}\n`);
  process.stdout.write(`${domain.observations} cut at the byte limit: ${forced.truncated}\n`);
  printTable(
    `${name}: closed loop (the engine's own ${domain.observations} as history; ${loop.routed} turns answered as unsupported)`,
    { [benched.name]: loop.exact.summary() },
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
    closedLoopBySide: latencyBySide(loop.latenciesBySide),
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
      sides,
      rates,
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
