import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import type { Engine, Prediction, PredictRequest } from '../../core/engine.js';
import { AgentWorldError } from '../../core/errors.js';
import { contentHash, sha256 } from '../../core/hash.js';
import type { Provenance, SessionRecord, Turn } from '../../core/turn.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { readSessionFile } from '../../session/session-file.js';
import { EMPTY_ACTION_PATH, extendActionPath, extendWithObservation } from './action-path.js';
import { type LookupPaths, ReplayIndex } from './replay-index.js';
import { replayMissError } from './replay-miss.js';
import { SpecKeys, type SpecMatch } from './spec-key.js';

export interface ReplayEngineOptions {
  /** `id` (default): match recordings on domain and spec id; `content`: the whole spec must be identical. */
  readonly match?: SpecMatch;
}

export interface ReplayStats {
  readonly sessions: number;
  readonly turns: number;
  readonly hits: number;
  readonly misses: number;
  /** Turns hashed to look up requests; grows by about two per step, whatever the history length. */
  readonly turnsHashed: number;
}

export interface ReplayEngine extends Engine {
  readonly id: 'replay';
  /** The distinct specs of the loaded recordings, in the order first seen. */
  listSpecs(): WorldSpec[];
  stats(): ReplayStats;
}

/** The paths through a history turn, remembered per turn object: valid only at the same position. */
interface PathMemo {
  readonly position: number;
  readonly actions: string;
  readonly transcript: string;
}

/**
 * Answers from recorded sessions. A request matches a recorded turn when the spec matches and the history's
 * actions plus the requested action equal the recorded ones (as canonical JSON). Nothing is charged for a
 * replayed observation (no usage). A request no recording covers is a REPLAY_MISS error.
 *
 * @example
 * const engine = await createReplayEngine({ files: ['sessions.jsonl'] });
 * const env = await createEnv(engine.listSpecs()[0], { engine });
 */
export function createReplayEngine(
  source: { readonly sessions: readonly SessionRecord[] },
  options?: ReplayEngineOptions,
): ReplayEngine;
export function createReplayEngine(
  source: { readonly files: readonly string[] },
  options?: ReplayEngineOptions & CallOptions,
): Promise<ReplayEngine>;
export function createReplayEngine(
  source: { readonly sessions: readonly SessionRecord[] } | { readonly files: readonly string[] },
  options: ReplayEngineOptions & CallOptions = {},
): ReplayEngine | Promise<ReplayEngine> {
  if ('sessions' in source) return new RecordedSessionsEngine(source.sessions, options.match ?? 'id');
  return loadFiles(source.files, options).then(
    (sessions) => new RecordedSessionsEngine(sessions, options.match ?? 'id'),
  );
}

async function loadFiles(files: readonly string[], options: CallOptions): Promise<SessionRecord[]> {
  if (files.length === 0)
    throw new AgentWorldError('INVALID_REQUEST', 'The replay engine needs at least one session file.');
  const sessions: SessionRecord[] = [];
  for (const file of files) {
    throwIfAborted(options.signal);
    sessions.push(...(await readSessionFile(file, options)));
  }
  return sessions;
}

class RecordedSessionsEngine implements ReplayEngine {
  readonly id = 'replay' as const;
  readonly kind = 'recorded' as const;
  readonly model: string | undefined = undefined;
  private readonly specKeys: SpecKeys;
  private readonly index: ReplayIndex;
  private readonly memo = new WeakMap<Turn, PathMemo>();
  private recordingsHash: string | undefined;
  private hits = 0;
  private misses = 0;
  private turnsHashed = 0;
  private closed = false;

  constructor(
    private readonly sessions: readonly SessionRecord[],
    private readonly match: SpecMatch,
  ) {
    this.specKeys = new SpecKeys(match);
    this.index = new ReplayIndex(sessions, this.specKeys);
  }

  identity(): Record<string, unknown> {
    this.recordingsHash ??= sha256(this.sessions.map((record) => contentHash(record)).join('\n'));
    return {
      engine: 'replay',
      recordings: this.recordingsHash,
      ...(this.match === 'id' ? {} : { match: this.match }),
    };
  }

  listSpecs(): WorldSpec[] {
    return this.index.specs();
  }

  stats(): ReplayStats {
    return {
      sessions: this.index.sessions,
      turns: this.index.turns,
      hits: this.hits,
      misses: this.misses,
      turnsHashed: this.turnsHashed,
    };
  }

  async predict(request: PredictRequest, options: CallOptions = {}): Promise<Prediction> {
    throwIfAborted(options.signal);
    if (this.closed) {
      throw new AgentWorldError('ENGINE_UNAVAILABLE', 'The replay engine is closed.', { retryable: false });
    }
    if (request.history.length !== request.turnIndex - 1) {
      throw new AgentWorldError(
        'INVALID_REQUEST',
        `Turn ${request.turnIndex} needs ${request.turnIndex - 1} earlier turn(s) in its history, got ${request.history.length}.`,
        { details: { turnIndex: request.turnIndex, historyLength: request.history.length } },
      );
    }
    const specKey = this.specKeys.keyOf(request.spec);
    const recorded = this.index.lookup(specKey, this.requestPaths(request), request.seed);
    if (recorded === undefined) {
      this.misses++;
      throw replayMissError(this.index, specKey, request);
    }
    this.hits++;
    const original = recorded.turn.provenance;
    const origin = originOf(original);
    const provenance: Provenance = {
      source: 'replayed',
      engine: 'replay',
      ...(original.model === undefined ? {} : { model: original.model }),
      promptHash: request.promptHash,
      origin,
    };
    return {
      observation: recorded.turn.observation,
      provenance,
      events: [
        {
          type: 'replay.hit',
          data: {
            recordedSessionId: recorded.record.id,
            recordedTurn: recorded.turnIndex,
            observationsMatch: recorded.observationsMatch,
          },
        },
      ],
      ...(recorded.turn.rawResult === undefined ? {} : { rawResult: recorded.turn.rawResult }),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /**
   * The lookup paths of a request. Turns are immutable and a session's next request reuses the same turn
   * objects, so each turn's paths are remembered and only turns not seen before are hashed.
   */
  private requestPaths(request: PredictRequest): LookupPaths {
    const history = request.history;
    let start = history.length;
    let actions = EMPTY_ACTION_PATH;
    let transcript = EMPTY_ACTION_PATH;
    while (start > 0) {
      const turn = history[start - 1];
      const memo = turn === undefined ? undefined : this.memo.get(turn);
      if (memo !== undefined && memo.position === start - 1) {
        actions = memo.actions;
        transcript = memo.transcript;
        break;
      }
      start--;
    }
    for (let position = start; position < history.length; position++) {
      const turn = history[position] as Turn;
      this.turnsHashed++;
      actions = extendActionPath(actions, turn.action);
      transcript = extendWithObservation(extendActionPath(transcript, turn.action), turn.observation);
      this.memo.set(turn, { position, actions, transcript });
    }
    this.turnsHashed++;
    return {
      actions: extendActionPath(actions, request.action),
      transcript: extendActionPath(transcript, request.action),
    };
  }
}

/** How an observation was first made: a recording's own origin when it was itself replayed or cached. */
function originOf(provenance: Provenance): NonNullable<Provenance['origin']> {
  if (provenance.origin !== undefined) return provenance.origin;
  return {
    source: provenance.source,
    engine: provenance.engine,
    ...(provenance.model === undefined ? {} : { model: provenance.model }),
  };
}
