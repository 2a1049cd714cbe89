import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import type { Engine, Prediction, PredictRequest } from '../../core/engine.js';
import { AgentWorldError } from '../../core/errors.js';
import type { WorldSpec } from '../../core/world-spec.js';
import { createRealEngine, REAL_ENGINE_DOMAINS, type RealEngineOptions } from './create-real-engine.js';

type RealDomain = (typeof REAL_ENGINE_DOMAINS)[number];

function realDomainOf(spec: WorldSpec): RealDomain {
  const domain = spec.domain;
  if ((REAL_ENGINE_DOMAINS as readonly string[]).includes(domain)) return domain as RealDomain;
  throw new AgentWorldError(
    'UNSUPPORTED',
    `No real executor for ${domain} worlds here: the real engine runs ${REAL_ENGINE_DOMAINS.join(', ')} worlds.`,
  );
}

/**
 * One real engine for worlds of any domain that has a real executor (a server serving several specs): each
 * request goes to the real engine of its spec's domain, started on first use.
 */
export class RealEngineByDomain implements Engine {
  readonly id = 'real';
  readonly kind = 'real' as const;
  readonly model = undefined;
  private readonly engines = new Map<RealDomain, Engine>();

  constructor(private readonly options: RealEngineOptions = {}) {}

  identity(): Record<string, unknown> {
    return { engine: this.id, domains: [...REAL_ENGINE_DOMAINS] };
  }

  async prepare(spec: WorldSpec, options: CallOptions = {}): Promise<void> {
    throwIfAborted(options.signal);
    await this.engineFor(spec).prepare?.(spec, options);
  }

  predict(request: PredictRequest, options: CallOptions = {}): Promise<Prediction> {
    return this.engineFor(request.spec).predict(request, options);
  }

  async releaseSession(sessionId: string): Promise<void> {
    await Promise.all([...this.engines.values()].map((engine) => engine.releaseSession?.(sessionId)));
  }

  async close(): Promise<void> {
    await Promise.all([...this.engines.values()].map((engine) => engine.close()));
    this.engines.clear();
  }

  private engineFor(spec: WorldSpec): Engine {
    const domain = realDomainOf(spec);
    let engine = this.engines.get(domain);
    if (engine === undefined) {
      engine = createRealEngine(domain, this.options);
      this.engines.set(domain, engine);
    }
    return engine;
  }
}
