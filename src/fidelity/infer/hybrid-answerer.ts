import type { Engine } from '../../core/engine.js';
import {
  createHybridEngine,
  createTwinFor,
  type HybridEngine,
  TWIN_DOMAINS,
} from '../../engines/hybrid/index.js';
import type { RowAnswerer } from './answerer.js';
import { type LocalAnswererOptions, loadLocalEngines } from './local-answerer.js';
import { unsupportedRow } from './row-session.js';
import { createSessionEngineAnswerer } from './session-engine-answerer.js';

export interface HybridAnswererOptions extends LocalAnswererOptions {
  /**
   * The world model of the turns a twin declines, for every domain; default: the embedded model of each domain
   * (`modelPaths`, else the shipped models/ files). Its owner is the answerer: close() closes it.
   */
  readonly model?: Engine;
}

/** One hybrid per domain that has both a twin and a world model. The caller closes them. */
async function hybridsByDomain(options: HybridAnswererOptions): Promise<Map<string, HybridEngine>> {
  const models: Map<string, Engine> =
    options.model === undefined
      ? await loadLocalEngines(options)
      : new Map(TWIN_DOMAINS.map((domain) => [domain, options.model as Engine]));
  const hybrids = new Map<string, HybridEngine>();
  try {
    for (const [domain, model] of models) {
      if (!(TWIN_DOMAINS as readonly string[]).includes(domain)) {
        await model.close();
        continue;
      }
      hybrids.set(domain, createHybridEngine({ twin: await createTwinFor(domain), model }));
    }
  } catch (error) {
    await Promise.all([...models.values()].map((model) => model.close()));
    throw error;
  }
  return hybrids;
}

/**
 * `--engine hybrid`: in each domain with a twin (terminal: the virtual shell; mcp: server-memory), the twin answers
 * what it can compute exactly and the world model (that domain's embedded model by default) the rest, each row
 * rebuilt and stepped through a Session (see `createSessionEngineAnswerer`; the twin rebuilds its world from the
 * row's teacher-forced history). Rows of domains without a twin or a model fail UNSUPPORTED. The manifest names
 * each domain's twin and model with every parameter that changes answers.
 */
export async function createHybridAnswerer(options: HybridAnswererOptions = {}): Promise<RowAnswerer> {
  const hybrids = await hybridsByDomain(options);
  const parameters = Object.fromEntries([...hybrids].map(([domain, engine]) => [domain, engine.identity()]));
  return createSessionEngineAnswerer({
    manifest: {
      engine: 'hybrid',
      name: [...hybrids.values()]
        .map((engine) => `${engine.twin.id} + ${engine.modelEngine.model ?? engine.modelEngine.id}`)
        .join(', '),
      parameters: {
        ...parameters,
        history: 'teacher-forced: the row’s earlier actions with their ground-truth observations',
        seed: 'per row: sha256(task:id:turn_idx)',
      },
    },
    engineFor(plan) {
      const domain = plan.spec.domain;
      const engine = hybrids.get(domain);
      if (engine === undefined || !engine.twin.supports({ spec: plan.spec })) {
        throw unsupportedRow(
          `The hybrid engine has no twin and world model for this ${domain} world (it has them for: ${[...hybrids.keys()].join(', ')}).`,
          { reason: 'domain', domain },
        );
      }
      return engine;
    },
    close: async () => {
      await Promise.all([...hybrids.values()].map((engine) => engine.close()));
    },
  });
}
