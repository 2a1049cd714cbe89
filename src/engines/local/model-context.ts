import type { CallOptions } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';
import { type LlamaContextLike, loadModelFile } from './llama-runtime.js';
import { EMBEDDED_LAYOUTS, type EmbeddedModelLayout, recognizeModelLayout } from './model-layout.js';
import type { LocalEngineOptions } from './options.js';

/**
 * Prompt tokens kept free for the current command's echo when the history window is chosen (most echoes are a
 * prompt and a short command, under 64 bytes; a longer one drops the oldest turns it needs room for).
 */
export function echoReserve(contextSize: number): number {
  return Math.min(96, Math.floor(contextSize / 16));
}

/** A loaded model with its llama.cpp context and one sequence per concurrent session. */
export interface ModelContext {
  readonly id: string;
  /** The file's byte layout, which decides the domain it simulates. */
  readonly layout: EmbeddedModelLayout;
  readonly model: { dispose(): Promise<void> };
  readonly context: LlamaContextLike;
  readonly sequences: ReturnType<LlamaContextLike['getSequence']>[];
  readonly contextSize: number;
}

/**
 * Loads the GGUF file, checks it is an AgentWorld model of one of our byte layouts (terminal or mcp), and
 * creates its context (CPU, flash attention off). A file of another layout is ENGINE_UNAVAILABLE; a context too
 * small for `maxTokens` is CONFIG_INVALID. The model is disposed on every failure.
 */
export async function openModelContext(
  options: LocalEngineOptions,
  callOptions: CallOptions = {},
): Promise<ModelContext> {
  const loaded = await loadModelFile(options.modelPath, callOptions);
  const layout = recognizeModelLayout(loaded.agentworld);
  if (layout === undefined) {
    await loaded.model.dispose();
    throw new AgentWorldError(
      'ENGINE_UNAVAILABLE',
      `${options.modelPath} is not an AgentWorld model of layout ${EMBEDDED_LAYOUTS.join(' or ')} (its ` +
        `agentworld.layout is ${JSON.stringify(loaded.agentworld.layout ?? null)}, its agentworld.system_line ` +
        `${JSON.stringify(loaded.agentworld.system_line ?? null)}); export it with training/export_gguf.py.`,
      { retryable: false, details: { modelPath: options.modelPath } },
    );
  }
  const trained = loaded.model.trainContextSize;
  const contextSize = Math.min(options.contextSize ?? trained, trained);
  if (contextSize < options.maxTokens + echoReserve(contextSize) + 64) {
    await loaded.model.dispose();
    throw new AgentWorldError(
      'CONFIG_INVALID',
      `contextSize ${contextSize} leaves no room for history with maxTokens ${options.maxTokens}.`,
    );
  }
  let context: LlamaContextLike;
  try {
    context = await loaded.model.createContext({
      contextSize,
      sequences: options.sequences,
      threads: options.threads,
      flashAttention: false,
      batchSize: contextSize,
    });
  } catch (error) {
    await loaded.model.dispose();
    throw new AgentWorldError(
      'ENGINE_UNAVAILABLE',
      `llama.cpp could not create a context: ${String(error)}`,
      {
        cause: error,
        retryable: false,
      },
    );
  }
  const sequences = Array.from({ length: options.sequences }, () => context.getSequence());
  return { id: loaded.id, layout, model: loaded.model, context, sequences, contextSize };
}
