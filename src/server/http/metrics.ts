import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { SessionManager } from '../sessions/session-manager.js';

/** Error codes that mean the engine (not the request) failed. */
const ENGINE_ERROR_CODES = new Set([
  'ENGINE_UNAVAILABLE',
  'ENGINE_TIMEOUT',
  'ENGINE_RATE_LIMITED',
  'ENGINE_ERROR',
  'MODEL_OUTPUT_INVALID',
  'REPLAY_MISS',
]);

/** The server's Prometheus metrics, in a registry of its own (several servers may share one process). */
export class ServerMetrics {
  readonly registry = new Registry();
  private readonly steps: Counter<'outcome'>;
  private readonly engineErrors: Counter<'code'>;
  private readonly stepSeconds: Histogram;
  private readonly requests: Counter<'route' | 'status'>;
  private readonly webSocketConnections: Gauge;

  constructor(manager: SessionManager) {
    this.steps = new Counter({
      name: 'agentworld_steps_total',
      help: 'Steps answered, by outcome (ok or the error code).',
      labelNames: ['outcome'],
      registers: [this.registry],
    });
    this.engineErrors = new Counter({
      name: 'agentworld_engine_errors_total',
      help: 'Steps that failed because of the engine, by error code.',
      labelNames: ['code'],
      registers: [this.registry],
    });
    this.stepSeconds = new Histogram({
      name: 'agentworld_step_duration_seconds',
      help: 'Wall time of successful steps, engine included.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers: [this.registry],
    });
    this.requests = new Counter({
      name: 'agentworld_http_requests_total',
      help: 'HTTP requests, by route and status.',
      labelNames: ['route', 'status'],
      registers: [this.registry],
    });
    this.webSocketConnections = new Gauge({
      name: 'agentworld_ws_connections_open',
      help: 'WebSocket connections on /ws open right now.',
      registers: [this.registry],
    });
    new Gauge({
      name: 'agentworld_sessions_open',
      help: 'Stored sessions that are not closed.',
      registers: [this.registry],
      async collect() {
        try {
          this.set(await manager.repository.countOpen());
        } catch {
          // The store is unreachable right now: keep the last count (/health reports the store).
        }
      },
    });
    new Gauge({
      name: 'agentworld_sessions_live',
      help: 'Sessions held in memory.',
      registers: [this.registry],
      collect() {
        this.set(manager.liveCount);
      },
    });
  }

  stepSucceeded(seconds: number): void {
    this.steps.inc({ outcome: 'ok' });
    this.stepSeconds.observe(seconds);
  }

  stepFailed(code: string): void {
    this.steps.inc({ outcome: code });
    if (ENGINE_ERROR_CODES.has(code)) this.engineErrors.inc({ code });
  }

  request(route: string, status: number): void {
    this.requests.inc({ route, status: String(status) });
  }

  webSocketOpened(): void {
    this.webSocketConnections.inc();
  }

  webSocketClosed(): void {
    this.webSocketConnections.dec();
  }

  async render(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
