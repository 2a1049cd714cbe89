/**
 * What a worker builds once and reuses across jobs of one run: answerers, judge clients, world engines and
 * policies, keyed by their settings. `close()` closes them all (on the worker's stop).
 */
import type { Engine } from '../core/engine.js';
import type { RowAnswerer } from '../fidelity/infer/index.js';
import type { JudgeClient } from '../fidelity/judge/index.js';
import { createAnswererFromSettings } from './infer-answerer.js';
import type { InferEngineSettings } from './job-schemas.js';

export class JobResources {
  readonly #answerers = new Map<string, Promise<RowAnswerer>>();
  readonly #judges = new Map<string, Promise<JudgeClient>>();
  readonly #engines = new Map<string, Promise<Engine>>();

  /** Reads API keys from the worker's environment (never from a job). */
  constructor(private readonly environment: NodeJS.ProcessEnv = process.env) {}

  answerer(settings: InferEngineSettings): Promise<RowAnswerer> {
    return this.#cached(this.#answerers, settings, () =>
      createAnswererFromSettings(settings, this.environment.AGENTWORLD_API_KEY),
    );
  }

  judge(settings: {
    baseUrl: string;
    model: string;
    temperature: number;
    maxTokens: number;
    reasoningModel: boolean;
    timeoutMs: number;
  }): Promise<JudgeClient> {
    return this.#cached(this.#judges, settings, async () => {
      const { createJudgeClient } = await import('../fidelity/judge/index.js');
      return createJudgeClient({
        ...settings,
        apiKey: this.environment.AGENTWORLD_JUDGE_API_KEY || undefined,
      });
    });
  }

  engine(settings: Record<string, unknown>, create: () => Promise<Engine>): Promise<Engine> {
    return this.#cached(this.#engines, settings, create);
  }

  get environmentVariables(): NodeJS.ProcessEnv {
    return this.environment;
  }

  #cached<T>(cache: Map<string, Promise<T>>, settings: unknown, create: () => Promise<T>): Promise<T> {
    const key = JSON.stringify(settings);
    let entry = cache.get(key);
    if (entry === undefined) {
      entry = create();
      // A failed creation is not kept: the next job tries again.
      entry.catch(() => cache.delete(key));
      cache.set(key, entry);
    }
    return entry;
  }

  async close(): Promise<void> {
    const closing: Promise<unknown>[] = [];
    for (const entry of this.#answerers.values())
      closing.push(entry.then((answerer) => answerer.close?.()).catch(() => undefined));
    for (const entry of this.#engines.values())
      closing.push(entry.then((engine) => engine.close()).catch(() => undefined));
    this.#answerers.clear();
    this.#judges.clear();
    this.#engines.clear();
    await Promise.all(closing);
  }
}
