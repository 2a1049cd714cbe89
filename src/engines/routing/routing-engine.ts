import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import {
  type Engine,
  followsControlInstructions,
  type Prediction,
  type PredictRequest,
} from '../../core/engine.js';
import { AgentWorldError } from '../../core/errors.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { untilSettledOrAborted } from './abortable-wait.js';

/** Where the turns of one spec go: the engine of a key, opened once and shared by every spec of that key. */
export interface EngineRoute {
  /** Names the engine: specs whose routes share a key share one engine (e.g. `local:<model file>`). */
  readonly key: string;
  /** The engine in a few words, for people (`local (agentworld-mcp.gguf)`). */
  readonly name: string;
  /** Opens the engine; called once per key, when a session first needs it. The signal fires on close(). */
  open(options: CallOptions): Promise<Engine>;
}

export interface RoutingEngineOptions {
  /** The route of a spec; throws an AgentWorldError (e.g. CONFIG_INVALID) when no engine can simulate it. */
  route(spec: WorldSpec): EngineRoute;
}

/** An engine that sends each spec's turns to the engine its route names, opened lazily and shared. */
export interface RoutingEngine extends Engine {
  readonly id: 'routing';
  /** The route of a spec (what `prepare` and `predict` use); throws when no engine can simulate it. */
  routeOf(spec: WorldSpec): EngineRoute;
  prepare(spec: WorldSpec, options?: CallOptions): Promise<void>;
}

/** Whether an engine is a routing engine (to ask it which engine a spec gets). */
export function isRoutingEngine(engine: Engine): engine is RoutingEngine {
  return engine.id === 'routing' && 'routeOf' in engine;
}

/**
 * Creates an engine that picks, per spec, the engine that simulates it (for a server whose sessions simulate
 * worlds of several domains): each route's engine is opened when a session first needs it, shared by every
 * later session of the same key, and closed by close(). An engine that failed to open is tried again by the
 * next session. Every route's engine must be a model engine (kind `model`), as the routing engine reports one
 * kind for all of them; whether a route's model follows control instructions (the embedded models do not) is
 * passed on per prediction (`followedControlInstructions`), so the session renders injections for those.
 *
 * @example
 * const engine = createRoutingEngine({ route: (spec) => ({ key: spec.domain, name: spec.domain, open: … }) });
 */
export function createRoutingEngine(options: RoutingEngineOptions): RoutingEngine {
  return new SpecRoutingEngine(options);
}

class SpecRoutingEngine implements RoutingEngine {
  readonly id = 'routing' as const;
  readonly kind = 'model' as const;
  /** Routes already computed, per spec object (a server shares one spec object between its sessions). */
  private readonly routes = new WeakMap<WorldSpec, EngineRoute>();
  private readonly engines = new Map<string, Promise<Engine>>();
  private readonly opened = new Map<string, Engine>();
  private readonly lifetime = new AbortController();

  constructor(private readonly options: RoutingEngineOptions) {}

  routeOf(spec: WorldSpec): EngineRoute {
    const known = this.routes.get(spec);
    if (known !== undefined) return known;
    const route = this.options.route(spec);
    this.routes.set(spec, route);
    return route;
  }

  identity(): Record<string, unknown> {
    const engines = Object.fromEntries([...this.opened].map(([key, engine]) => [key, engine.identity()]));
    return { engine: 'routing', engines };
  }

  async prepare(spec: WorldSpec, options: CallOptions = {}): Promise<void> {
    await this.engineFor(spec, options);
  }

  async predict(request: PredictRequest, options: CallOptions = {}): Promise<Prediction> {
    const engine = await this.engineFor(request.spec, options);
    const prediction = await engine.predict(request, options);
    // Its engines differ (an embedded model does not follow control instructions): each answer says for itself.
    const followed = prediction.followedControlInstructions ?? followsControlInstructions(engine);
    return { ...prediction, followedControlInstructions: followed };
  }

  async releaseSession(sessionId: string): Promise<void> {
    await Promise.all([...this.opened.values()].map((engine) => engine.releaseSession?.(sessionId)));
  }

  async close(): Promise<void> {
    if (this.lifetime.signal.aborted) return;
    this.lifetime.abort();
    const pending = [...this.engines.values()];
    this.engines.clear();
    const settled = await Promise.allSettled(pending);
    this.opened.clear();
    await Promise.all(
      settled.map((result) => (result.status === 'fulfilled' ? result.value.close() : undefined)),
    );
  }

  private async engineFor(spec: WorldSpec, options: CallOptions): Promise<Engine> {
    throwIfAborted(options.signal);
    this.assertOpen();
    const route = this.routeOf(spec);
    let engine = this.engines.get(route.key);
    if (engine === undefined) {
      engine = this.open(route);
      this.engines.set(route.key, engine);
    }
    // The caller may stop waiting; the engine goes on opening for the sessions after it.
    return untilSettledOrAborted(engine, options.signal);
  }

  private async open(route: EngineRoute): Promise<Engine> {
    try {
      const engine = await route.open({ signal: this.lifetime.signal });
      if ((engine.kind ?? 'model') !== 'model') {
        await engine.close();
        throw new AgentWorldError(
          'CONFIG_INVALID',
          `The routing engine takes model engines only; ${route.name} is a ${engine.kind} engine.`,
        );
      }
      if (this.lifetime.signal.aborted) {
        await engine.close();
        this.assertOpen();
      }
      this.opened.set(route.key, engine);
      return engine;
    } catch (error) {
      // Not kept: the next session of this route tries again.
      this.engines.delete(route.key);
      throw error;
    }
  }

  private assertOpen(): void {
    if (this.lifetime.signal.aborted) {
      throw new AgentWorldError('ENGINE_UNAVAILABLE', 'The routing engine is closed.');
    }
  }
}
