import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import type { Engine, EngineKind, Prediction, PredictRequest } from '../../core/engine.js';
import { AgentWorldError } from '../../core/errors.js';
import type { Provenance } from '../../core/turn.js';
import { openStore, type Store } from '../../store/index.js';
import { cacheKeyOf } from './cache-key.js';
import { type CachedPrediction, parseCachedPrediction, toCachedPrediction } from './cached-prediction.js';

/**
 * `read-write` (default): answer from the cache, fill it on a miss. `read-only`: answer only from the cache; a
 * miss is a REPLAY_MISS error and the wrapped engine is never called. `write-only`: always call the wrapped
 * engine and record its answers (the first recording of a key is kept).
 */
export type CacheMode = 'read-write' | 'read-only' | 'write-only';

export interface CacheEngineOptions {
  readonly inner: Engine;
  /**
   * An open store (left open by `close()`), or a location (SQLite path or PostgreSQL URL) the engine opens on its
   * first prediction and closes itself.
   */
  readonly store: Store | string;
  readonly mode?: CacheMode;
  /** Whether `close()` also closes the wrapped engine (default true). */
  readonly closeInner?: boolean;
}

export interface CacheStats {
  readonly mode: CacheMode;
  readonly hits: number;
  readonly misses: number;
  /** New entries written (a key another writer recorded first is not counted). */
  readonly writes: number;
}

export interface CacheEngine extends Engine {
  readonly id: 'cache';
  readonly inner: Engine;
  readonly mode: CacheMode;
  stats(): CacheStats;
}

/**
 * Wraps an engine with a content-addressed cache in the embedded store, so a repeated run replays the first
 * recorded answers and costs nothing. Errors of the wrapped engine are never cached.
 *
 * @example
 * const engine = createCacheEngine({ inner: createLwmEngine({ baseUrl, model }), store: defaultStorePath() });
 */
export function createCacheEngine(options: CacheEngineOptions): CacheEngine {
  const mode = options.mode ?? 'read-write';
  if (!['read-write', 'read-only', 'write-only'].includes(mode)) {
    throw new AgentWorldError(
      'CONFIG_INVALID',
      `Unknown cache mode "${mode}"; use read-write, read-only or write-only.`,
    );
  }
  return new CachingEngine(options.inner, options.store, mode, options.closeInner ?? true);
}

class CachingEngine implements CacheEngine {
  readonly id = 'cache' as const;
  private hits = 0;
  private misses = 0;
  private writes = 0;
  private closed = false;
  /** The store, once open (a location is opened on the first prediction, once). */
  private opening: Promise<Store> | undefined;
  private readonly ownsStore: boolean;

  constructor(
    readonly inner: Engine,
    private readonly storeOrLocation: Store | string,
    readonly mode: CacheMode,
    private readonly closeInner: boolean,
  ) {
    this.ownsStore = typeof storeOrLocation === 'string';
    if (typeof storeOrLocation !== 'string') this.opening = Promise.resolve(storeOrLocation);
  }

  get kind(): EngineKind | undefined {
    return this.inner.kind;
  }

  get followsControlInstructions(): boolean | undefined {
    return this.inner.followsControlInstructions;
  }

  get model(): string | undefined {
    return this.inner.model;
  }

  identity(): Record<string, unknown> {
    return this.inner.identity();
  }

  stats(): CacheStats {
    return { mode: this.mode, hits: this.hits, misses: this.misses, writes: this.writes };
  }

  async predict(request: PredictRequest, options: CallOptions = {}): Promise<Prediction> {
    throwIfAborted(options.signal);
    if (this.closed) {
      throw new AgentWorldError('ENGINE_UNAVAILABLE', 'The cache engine is closed.', { retryable: false });
    }
    const key = cacheKeyOf(this.inner, request);
    const store = await this.store();
    if (this.mode !== 'write-only') {
      const entry = await store.getCacheEntry(key, options);
      if (entry !== undefined) {
        const cached = parseCachedPrediction(entry.value, key);
        await store.recordCacheHit(key, options);
        this.hits++;
        return this.fromCache(cached, entry.model, key, request);
      }
    }
    this.misses++;
    if (this.mode === 'read-only') {
      throw new AgentWorldError(
        'REPLAY_MISS',
        `The cache has no entry for turn ${request.turnIndex} of spec "${request.spec.id}" (key ${key}), and it is read-only.`,
        { details: { key, specId: request.spec.id, turnIndex: request.turnIndex } },
      );
    }
    // Errors of the wrapped engine propagate untouched and are never stored.
    const prediction = await this.inner.predict(request, options);
    return { ...prediction, events: [...prediction.events, await this.record(store, key, prediction)] };
  }

  async releaseSession(sessionId: string): Promise<void> {
    await this.inner.releaseSession?.(sessionId);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownsStore && this.opening !== undefined) {
      const store = await this.opening.catch(() => undefined);
      await store?.close();
    }
    if (this.closeInner) await this.inner.close();
  }

  /** Stores a fresh prediction. A failed write loses nothing the caller paid for: it becomes an event. */
  private async record(
    store: Store,
    key: string,
    prediction: Prediction,
  ): Promise<Prediction['events'][number]> {
    try {
      const written = await store.putCacheEntry(key, {
        engine: this.inner.id,
        model: prediction.provenance.model ?? this.inner.model,
        value: toCachedPrediction(prediction),
      });
      if (written) this.writes++;
      return { type: 'cache.miss', data: { key, stored: written } };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { type: 'cache.write_failed', message, data: { key } };
    }
  }

  /** The open store; a location that failed to open is tried again on the next prediction. */
  private store(): Promise<Store> {
    if (this.opening === undefined) {
      const location = this.storeOrLocation as string;
      const opening = openStore(location);
      this.opening = opening;
      opening.catch(() => {
        if (this.opening === opening) this.opening = undefined;
      });
    }
    return this.opening;
  }

  private fromCache(
    cached: CachedPrediction,
    entryModel: string | undefined,
    key: string,
    request: PredictRequest,
  ): Prediction {
    const model = cached.provenance.model ?? entryModel;
    const provenance: Provenance = {
      source: 'cached',
      engine: 'cache',
      ...(model === undefined ? {} : { model }),
      promptHash: request.promptHash,
      origin: originOf(cached.provenance),
    };
    return {
      observation: cached.observation,
      provenance,
      events: [{ type: 'cache.hit', data: { key } }],
      ...(cached.usage === undefined ? {} : { usage: cached.usage }),
      ...(cached.reasoning === undefined ? {} : { reasoning: cached.reasoning }),
      ...(cached.finishReason === undefined ? {} : { finishReason: cached.finishReason }),
      ...(cached.rawResult === undefined ? {} : { rawResult: cached.rawResult }),
      ...(cached.checks === undefined ? {} : { checks: cached.checks }),
      ...(cached.followedControlInstructions === undefined
        ? {}
        : { followedControlInstructions: cached.followedControlInstructions }),
    };
  }
}

/** How an observation was first made: the recording's own origin when it was itself replayed or cached. */
function originOf(provenance: Provenance): NonNullable<Provenance['origin']> {
  if (provenance.origin !== undefined) return provenance.origin;
  return {
    source: provenance.source,
    engine: provenance.engine,
    ...(provenance.model === undefined ? {} : { model: provenance.model }),
  };
}
