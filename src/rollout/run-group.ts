import { randomUUID } from 'node:crypto';
import type { CallOptions } from '../core/abort.js';
import type { Engine } from '../core/engine.js';
import type { PolicyFactory } from '../policies/policy.js';
import { createEnv } from '../session/create-env.js';
import { Session } from '../session/session.js';
import type { ScoreEpisode } from '../tasks/scoring.js';
import { resolveBudgets, specForEpisode } from './episode-spec.js';
import { groupIdOf, type MemberContext, runMemberWithRetries, type SessionSource } from './run-episode.js';
import type { Clock, EpisodeBudgets, EpisodeLine, LoadedTask } from './types.js';

const MAX_SEED = 2 ** 31 - 1;

/**
 * The session seed of a group member: the group's seed plus the member's offset, wrapped into [0, 2^31-1).
 * Distinct for every member of a group smaller than 2^31-1, so every member gets its own perturbation draws
 * (hashes of seed, rule and turn) and its own world-model and policy sampling.
 */
export function memberSeed(groupSeed: number, member: number): number {
  return (groupSeed + member) % MAX_SEED;
}

/**
 * A member session at the root's current turn, with its own seed. `Session.fork` keeps the parent's seed (and so
 * its perturbation draws); a member with another seed is rebuilt from the root's record instead, at the same
 * turn, with the root as its parent — no engine call either way.
 */
export function forkMember(root: Session, seed: number): Session {
  if (seed === root.seed) return root.fork({ id: randomUUID() });
  return Session.fromRecord(
    {
      ...root.toRecord(),
      id: randomUUID(),
      parentId: root.id,
      forkedAtTurn: root.turns.length,
      seed,
      closed: false,
    },
    root.domain,
    root.engine,
  );
}

export interface GroupOptions {
  readonly loaded: LoadedTask;
  readonly engine: Engine;
  readonly policyFactory: PolicyFactory;
  readonly score: ScoreEpisode;
  readonly episodeIndex: number;
  /** The group's seed: member m runs with `memberSeed(seed, m)`. */
  readonly seed: number;
  readonly groupSize: number;
  readonly budgets?: EpisodeBudgets | undefined;
  readonly clock?: Clock | undefined;
  readonly maxInfraRetries?: number | undefined;
  readonly episodeTimeoutMs?: number | undefined;
}

/**
 * One reset shared by N members. The root is reset once (lazily, on the first member that needs it) and every
 * member attempt — a retry included — forks from it, so members start from the very same state.
 */
export class Group {
  readonly groupId: string;
  private root: Promise<{ session: Session; observation: string }> | undefined;

  constructor(readonly options: GroupOptions) {
    this.groupId = groupIdOf(options.loaded.task.id, options.episodeIndex);
  }

  /** Runs one member (with its infrastructure retries). */
  async runMember(member: number, options: CallOptions = {}): Promise<EpisodeLine> {
    const { loaded, episodeIndex } = this.options;
    const spec = specForEpisode(loaded, episodeIndex);
    const context: MemberContext = {
      loaded,
      spec,
      episodeIndex,
      member,
      groupSize: this.options.groupSize,
      policyFactory: this.options.policyFactory,
      score: this.options.score,
      budgets: resolveBudgets(loaded, spec, this.options.budgets),
      clock: this.options.clock ?? (() => performance.now()),
      maxInfraRetries: this.options.maxInfraRetries ?? 2,
      episodeTimeoutMs: this.options.episodeTimeoutMs,
    };
    const seed = memberSeed(this.options.seed, member);
    const source: SessionSource = async (call) => {
      const root = await this.openRoot(call);
      return { session: forkMember(root.session, seed), observation: root.observation };
    };
    return runMemberWithRetries(source, context, options);
  }

  /** Closes the shared root (members close their own sessions). */
  async close(): Promise<void> {
    const root = this.root;
    this.root = undefined;
    if (root === undefined) return;
    try {
      await (await root).session.close();
    } catch {
      // A root that never opened has nothing to close.
    }
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private openRoot(options: CallOptions): Promise<{ session: Session; observation: string }> {
    if (this.root === undefined) {
      const { loaded, episodeIndex, engine, seed } = this.options;
      const spec = specForEpisode(loaded, episodeIndex);
      const opening = (async () => {
        const session = await createEnv(spec, { engine, signal: options.signal, id: randomUUID() });
        const reset = await session.reset({ seed: memberSeed(seed, 0), signal: options.signal });
        return { session, observation: reset.observation };
      })();
      // A failed reset is retried by the next attempt rather than remembered.
      opening.catch(() => {
        if (this.root === opening) this.root = undefined;
      });
      this.root = opening;
    }
    return this.root;
  }
}

export interface GroupResult {
  readonly groupId: string;
  readonly members: readonly EpisodeLine[];
  /** Why the group may give no learning signal (all members' trajectories identical), when so. */
  readonly warnings: readonly string[];
}

/** Runs a whole group (members concurrently) and checks that its members differ. */
export async function runGroup(options: GroupOptions & CallOptions): Promise<GroupResult> {
  const group = new Group(options);
  try {
    const members = await Promise.all(
      Array.from({ length: options.groupSize }, (_, member) =>
        group.runMember(member, { signal: options.signal }),
      ),
    );
    return { groupId: group.groupId, members, warnings: groupWarnings(members) };
  } finally {
    await group.close();
  }
}

/** The trajectory of a member as the world saw it: its actions and observations, or its policy's replies. */
function trajectoryKey(line: EpisodeLine): string {
  return JSON.stringify({
    replies: line.decisions.map((decision) => decision.reply),
    turns: (line.record?.turns ?? []).map((turn) => [turn.action, turn.observation]),
  });
}

/** Warnings for a finished group: members that share a seed, or N ≥ 2 identical trajectories (no signal). */
export function groupWarnings(members: readonly EpisodeLine[]): string[] {
  const warnings: string[] = [];
  const scored = members.filter((member) => member.blame !== 'infrastructure');
  const first = members[0];
  if (first === undefined) return warnings;
  if (new Set(members.map((member) => member.seed)).size !== members.length) {
    warnings.push(`group ${first.groupId}: members share a seed`);
  }
  if (scored.length >= 2 && new Set(scored.map(trajectoryKey)).size === 1) {
    warnings.push(
      `group ${first.groupId}: all ${scored.length} members produced identical trajectories (no learning signal)`,
    );
  }
  return warnings;
}
