import type { CallOptions } from '../../../core/abort.js';
import type { Engine, Prediction, PredictRequest } from '../../../core/engine.js';
import { AgentWorldError } from '../../../core/errors.js';
import type { WorldSpec } from '../../../core/world-spec.js';
import { type WebDialect, webDialectOf } from '../../../domains/web/index.js';
import { RealBrowserGymEngine, type RealBrowserGymEngineOptions } from './real-browsergym-engine.js';
import {
  playwrightMcpPackage,
  RealPlaywrightMcpEngine,
  type RealPlaywrightMcpEngineOptions,
} from './real-playwright-mcp-engine.js';

export interface RealWebEngineOptions {
  readonly browsergym?: RealBrowserGymEngineOptions | undefined;
  readonly playwrightMcp?: RealPlaywrightMcpEngineOptions | undefined;
}

/**
 * The real web engine: browsergym worlds go to RealBrowserGymEngine (Chromium through playwright-core),
 * playwright-mcp worlds to RealPlaywrightMcpEngine (the real `@playwright/mcp` server); each is started at its
 * dialect's first step and closed with this engine.
 */
export class RealWebEngine implements Engine {
  readonly id = 'real';
  readonly kind = 'real' as const;
  readonly model = undefined;
  private browsergymEngine: RealBrowserGymEngine | undefined;
  private playwrightMcpEngine: RealPlaywrightMcpEngine | undefined;
  /** The dialect each session's steps went to, so a release reaches the right engine. */
  private readonly dialects = new Map<string, WebDialect>();
  private closed = false;

  constructor(private readonly options: RealWebEngineOptions = {}) {}

  identity(): Record<string, unknown> {
    let server: string | undefined;
    try {
      server = `@playwright/mcp@${playwrightMcpPackage().version}`;
    } catch {
      server = undefined;
    }
    return {
      engine: this.id,
      executor: 'web',
      browser: 'chromium',
      ...(server === undefined ? {} : { server }),
    };
  }

  /** The browsergym engine (created on first use). */
  get browsergym(): RealBrowserGymEngine {
    this.browsergymEngine ??= new RealBrowserGymEngine(this.options.browsergym);
    return this.browsergymEngine;
  }

  /** The playwright-mcp engine (created on first use). */
  get playwrightMcp(): RealPlaywrightMcpEngine {
    this.playwrightMcpEngine ??= new RealPlaywrightMcpEngine(this.options.playwrightMcp);
    return this.playwrightMcpEngine;
  }

  prepare(spec: WorldSpec, options?: CallOptions): Promise<void> {
    return this.engineOf(spec).prepare(spec, options);
  }

  predict(request: PredictRequest, options?: CallOptions): Promise<Prediction> {
    const engine = this.engineOf(request.spec);
    this.dialects.set(request.sessionId, webDialectOf(request.spec));
    return engine.predict(request, options);
  }

  /** What the agent sees first in a world of this spec (see RealBrowserGymEngine.firstView). */
  firstView(spec: WorldSpec, options?: CallOptions): Promise<string> {
    return this.engineOf(spec).firstView(spec, options);
  }

  async releaseSession(sessionId: string): Promise<void> {
    const dialect = this.dialects.get(sessionId);
    this.dialects.delete(sessionId);
    if (dialect === 'browsergym') await this.browsergymEngine?.releaseSession(sessionId);
    if (dialect === 'playwright-mcp') await this.playwrightMcpEngine?.releaseSession(sessionId);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.dialects.clear();
    await Promise.all([this.browsergymEngine?.close(), this.playwrightMcpEngine?.close()]);
  }

  private engineOf(spec: WorldSpec): RealBrowserGymEngine | RealPlaywrightMcpEngine {
    if (this.closed) throw new AgentWorldError('ENGINE_UNAVAILABLE', 'The real web engine is closed.');
    if (spec.domain !== 'web') {
      throw new AgentWorldError('UNSUPPORTED', `The real web engine runs web worlds, not ${spec.domain}.`);
    }
    return webDialectOf(spec) === 'playwright-mcp' ? this.playwrightMcp : this.browsergym;
  }
}

/** A real web engine for both dialects (see RealWebEngine). */
export function createRealWebEngine(options: RealWebEngineOptions = {}): RealWebEngine {
  return new RealWebEngine(options);
}
