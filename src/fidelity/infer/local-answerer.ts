import { basename } from 'node:path';
import type { CallOptions } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';
import {
  BUNDLED_MODELS,
  createLocalEngine,
  findBundledModel,
  type LocalEngine,
  mcpSpecMismatch,
} from '../../engines/local/index.js';
import type { RowAnswerer } from './answerer.js';
import { unsupportedRow } from './row-session.js';
import { createSessionEngineAnswerer } from './session-engine-answerer.js';

export interface LocalAnswererOptions extends CallOptions {
  /** GGUF files, one per domain (their layout says which); default: the shipped models/ files that exist. */
  readonly modelPaths?: readonly string[];
  /** Most bytes generated for one command (or tool result). */
  readonly maxTokens?: number;
  /** Limit of one prediction, waiting for a free sequence included. */
  readonly timeoutMs?: number;
  /** Rows decoded side by side (llama.cpp sequences per model). */
  readonly sequences?: number;
}

/** The shipped embedded models that are present in this installation. */
function bundledModelPaths(): string[] {
  const paths = (Object.keys(BUNDLED_MODELS) as Array<keyof typeof BUNDLED_MODELS>).flatMap((domain) => {
    const path = findBundledModel(domain);
    return path === undefined ? [] : [path];
  });
  if (paths.length === 0) {
    throw new AgentWorldError(
      'CONFIG_INVALID',
      `--engine local needs a model file: pass --local-model FILE.gguf (this installation has no models/${BUNDLED_MODELS.terminal}).`,
    );
  }
  return paths;
}

/**
 * The embedded models of `options.modelPaths` (default: the shipped ones), by the domain their layout simulates;
 * unsupported commands fail the row (UNSUPPORTED). INVALID_REQUEST when two files simulate one domain.
 */
export async function loadLocalEngines(options: LocalAnswererOptions): Promise<Map<string, LocalEngine>> {
  const engines = new Map<string, LocalEngine>();
  try {
    for (const modelPath of options.modelPaths ?? bundledModelPaths()) {
      const engine = await createLocalEngine(
        {
          modelPath,
          // Unsupported commands fail the row (UNSUPPORTED) instead of answering a labelled "nothing ran" screen.
          onUnsupported: 'error',
          ...(options.maxTokens === undefined ? {} : { maxTokens: options.maxTokens }),
          ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
          ...(options.sequences === undefined ? {} : { sequences: options.sequences }),
        },
        {},
        options,
      );
      const domain = engine.layout.domain;
      const other = engines.get(domain);
      engines.set(domain, engine);
      if (other !== undefined) {
        throw new AgentWorldError(
          'INVALID_REQUEST',
          `Two --local-model files simulate the ${domain} domain (${other.model}, ${engine.model}): give one per domain.`,
        );
      }
    }
  } catch (error) {
    await Promise.all([...engines.values()].map((engine) => engine.close()));
    throw error;
  }
  return engines;
}

/**
 * `--engine local`: the embedded models (terminal, mcp server-memory) answer rows as session engines, each row
 * rebuilt and stepped through a Session (see `createSessionEngineAnswerer`). Rows of a domain no loaded model
 * simulates, mcp rows of another server, and commands outside the terminal model's grammar fail UNSUPPORTED.
 * The manifest names every model file with its hash and the parameters that change answers.
 */
export async function createLocalAnswerer(options: LocalAnswererOptions = {}): Promise<RowAnswerer> {
  const engines = await loadLocalEngines(options);
  const models = Object.fromEntries([...engines].map(([domain, engine]) => [domain, engine.model]));
  const parameters = Object.fromEntries(
    [...engines].map(([domain, engine]) => {
      const { engine: _kind, model: _model, ...rest } = engine.identity();
      return [domain, rest];
    }),
  );
  return createSessionEngineAnswerer({
    manifest: {
      engine: 'local',
      name: [...engines.values()].map((engine) => engine.model).join(' + '),
      parameters: {
        models,
        ...parameters,
        history: 'teacher-forced: the row’s earlier actions with their ground-truth observations',
        seed: 'per row: sha256(task:id:turn_idx)',
      },
    },
    engineFor(plan) {
      const domain = plan.spec.domain;
      const engine = engines.get(domain);
      if (engine === undefined) {
        throw unsupportedRow(
          `No embedded model simulates the ${domain} domain (loaded: ${[...engines.keys()].join(', ')}).`,
          { reason: 'domain', domain },
        );
      }
      if (domain === 'mcp') {
        const mismatch = mcpSpecMismatch(plan.spec, engine.layout);
        if (mismatch !== undefined) {
          throw unsupportedRow(
            `The embedded mcp model (${basename(engine.model)}) cannot simulate ${mismatch}.`,
            {
              reason: 'spec',
            },
          );
        }
      }
      return engine;
    },
    close: async () => {
      await Promise.all([...engines.values()].map((engine) => engine.close()));
    },
  });
}
