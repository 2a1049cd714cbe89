import type { SessionRecord, Turn } from '../../core/turn.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { EMPTY_ACTION_PATH, extendActionPath, extendWithObservation } from './action-path.js';
import type { SpecKeys } from './spec-key.js';

/** One recorded turn and the session it belongs to. */
export interface RecordedTurn {
  readonly record: SessionRecord;
  readonly turn: Turn;
  /** 1-based position of the turn in its session. */
  readonly turnIndex: number;
}

/** Where a lookup points: the actions so far, and the actions and observations so far. */
export interface LookupPaths {
  /** Hash of every action up to and including the requested one. */
  readonly actions: string;
  /** Hash of the earlier actions and observations plus the requested action. */
  readonly transcript: string;
}

export interface ReplayMatch extends RecordedTurn {
  /** Whether the recording's earlier observations are also the ones in the request's history. */
  readonly observationsMatch: boolean;
}

interface PathEntry {
  /** The first recording of this path: the default answer. */
  readonly first: RecordedTurn;
  /** The first recording per seed, so a request with a recorded seed gets that seed's observation. */
  readonly bySeed: Map<number, RecordedTurn>;
}

/**
 * Every recorded turn, addressed by (spec key, hash of the actions up to and including that turn), and also by
 * the hash of the whole transcript before it. Built once; a lookup is two map accesses at most, whatever the
 * history length. `children` lists, per recorded prefix, the distinct actions recorded next, which is what a
 * miss reports as the nearest divergence.
 */
export class ReplayIndex {
  readonly sessions: number;
  readonly turns: number;
  private readonly byActions = new Map<string, PathEntry>();
  private readonly byTranscript = new Map<string, PathEntry>();
  private readonly children = new Map<string, Map<string, unknown>>();
  private readonly specKeysSeen = new Set<string>();
  private readonly distinctSpecs = new Map<string, WorldSpec>();

  constructor(records: readonly SessionRecord[], specKeys: SpecKeys) {
    let turns = 0;
    for (const record of records) {
      const specKey = specKeys.keyOf(record.spec);
      this.specKeysSeen.add(specKey);
      const contentKey = specKeys.contentHashOf(record.spec);
      if (!this.distinctSpecs.has(contentKey)) this.distinctSpecs.set(contentKey, record.spec);
      let actions = EMPTY_ACTION_PATH;
      let transcript = EMPTY_ACTION_PATH;
      record.turns.forEach((turn, position) => {
        const recorded: RecordedTurn = { record, turn, turnIndex: position + 1 };
        const parent = actions;
        actions = extendActionPath(parent, turn.action);
        const query = extendActionPath(transcript, turn.action);
        this.addChild(specKey, parent, actions, turn.action);
        addEntry(this.byActions, pathKey(specKey, actions), recorded);
        addEntry(this.byTranscript, pathKey(specKey, query), recorded);
        transcript = extendWithObservation(query, turn.observation);
        turns++;
      });
    }
    this.sessions = records.length;
    this.turns = turns;
  }

  /**
   * The recorded turn for these paths: first a recording whose earlier observations match too, else one with
   * the same actions; within each, a recording made with `seed` is preferred.
   */
  lookup(specKey: string, paths: LookupPaths, seed: number): ReplayMatch | undefined {
    const exact = this.byTranscript.get(pathKey(specKey, paths.transcript));
    if (exact !== undefined) return { ...(exact.bySeed.get(seed) ?? exact.first), observationsMatch: true };
    const loose = this.byActions.get(pathKey(specKey, paths.actions));
    if (loose !== undefined) return { ...(loose.bySeed.get(seed) ?? loose.first), observationsMatch: false };
    return undefined;
  }

  /** Whether some recording of this spec went through exactly this action path. */
  hasPath(specKey: string, actions: string): boolean {
    return actions === EMPTY_ACTION_PATH
      ? this.specKeysSeen.has(specKey)
      : this.byActions.has(pathKey(specKey, actions));
  }

  /** The distinct actions recorded right after this action path. */
  nextActions(specKey: string, actions: string): unknown[] {
    return [...(this.children.get(pathKey(specKey, actions))?.values() ?? [])];
  }

  hasSpec(specKey: string): boolean {
    return this.specKeysSeen.has(specKey);
  }

  /** The distinct specs recorded (by content), in the order first seen. */
  specs(): WorldSpec[] {
    return [...this.distinctSpecs.values()];
  }

  private addChild(specKey: string, parent: string, child: string, action: unknown): void {
    const key = pathKey(specKey, parent);
    let next = this.children.get(key);
    if (next === undefined) {
      next = new Map();
      this.children.set(key, next);
    }
    if (!next.has(child)) next.set(child, action);
  }
}

function addEntry(entries: Map<string, PathEntry>, key: string, recorded: RecordedTurn): void {
  const existing = entries.get(key);
  if (existing === undefined) {
    entries.set(key, { first: recorded, bySeed: new Map([[recorded.record.seed, recorded]]) });
  } else if (!existing.bySeed.has(recorded.record.seed)) {
    existing.bySeed.set(recorded.record.seed, recorded);
  }
}

function pathKey(specKey: string, path: string): string {
  return `${specKey}\u0000${path}`;
}
