import type { CallOptions } from '../../core/abort.js';
import type { Engine } from '../../core/engine.js';
import { AgentWorldError } from '../../core/errors.js';
import { createHybridEngine, createTwinFor, type HybridEngine, hasTwin } from '../../engines/hybrid/index.js';
import { BUNDLED_MODELS, createLocalEngine, findBundledModel } from '../../engines/local/index.js';
import type { RowAnswerer } from './answerer.js';
import { unsupportedRow } from './row-session.js';
import { createSessionEngineAnswerer } from './session-engine-answerer.js';

export interface HybridAnswererOptions extends CallOptions {
  /**
   * The world model of the turns the twin declines; default: the embedded terminal model (`modelPath`, else the
   * shipped models/agentworld-terminal.gguf). Its owner is the answerer: close() closes it.
   */
  readonly model?: Engine;
  /** GGUF file of the embedded terminal model, when `model` is not given. */
  readonly modelPath?: string;
  /** Most bytes the embedded model generates for one command. */
  readonly maxTokens?: number;
  /** Limit of one prediction, waiting for a free sequence included. */
  readonly timeoutMs?: number;
  /** Rows the embedded model decodes side by side. */
  readonly sequences?: number;
}

async function embeddedTerminalModel(options: HybridAnswererOptions): Promise<Engine> {
  const modelPath = options.modelPath ?? findBundledModel('terminal');
  if (modelPath === undefined) {
    throw new AgentWorldError(
      'CONFIG_INVALID',
      `--engine hybrid needs a world model: pass --local-model FILE.gguf or --model-url and --model (this installation has no models/${BUNDLED_MODELS.terminal}).`,
    );
  }
  return createLocalEngine(
    {
      modelPath,
      // As for --engine local: a command neither the twin nor the model covers fails the row (UNSUPPORTED).
      onUnsupported: 'error',
      ...(options.maxTokens === undefined ? {} : { maxTokens: options.maxTokens }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.sequences === undefined ? {} : { sequences: options.sequences }),
    },
    {},
    options,
  );
}

/**
 * `--engine hybrid`: the terminal twin answers what it can compute exactly, the world model (the embedded terminal
 * model by default) the rest, each row rebuilt and stepped through a Session (see `createSessionEngineAnswerer`;
 * the twin rebuilds its world from the row's teacher-forced history). Rows of domains without a twin fail
 * UNSUPPORTED. The manifest names the twin and the model with every parameter that changes answers.
 */
export async function createHybridAnswerer(options: HybridAnswererOptions = {}): Promise<RowAnswerer> {
  const model = options.model ?? (await embeddedTerminalModel(options));
  let engine: HybridEngine;
  try {
    engine = createHybridEngine({ twin: await createTwinFor('terminal'), model });
  } catch (error) {
    await model.close();
    throw error;
  }
  return createSessionEngineAnswerer({
    manifest: {
      engine: 'hybrid',
      name: `${engine.twin.id} + ${model.model ?? model.id}`,
      parameters: {
        ...engine.identity(),
        history: 'teacher-forced: the row’s earlier actions with their ground-truth observations',
        seed: 'per row: sha256(task:id:turn_idx)',
      },
    },
    engineFor(plan) {
      const domain = plan.spec.domain;
      if (!hasTwin(domain) || !engine.twin.supports({ spec: plan.spec })) {
        throw unsupportedRow(`The hybrid engine has no twin for this ${domain} world.`, {
          reason: 'domain',
          domain,
        });
      }
      return engine;
    },
    close: () => engine.close(),
  });
}
