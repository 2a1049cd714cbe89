import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import { AgentWorldError } from '../../core/errors.js';

/**
 * The few parts of node-llama-cpp the local engine uses, typed here so that the project compiles and loads
 * without it: node-llama-cpp is an optional dependency, imported only when a local engine is created.
 */
export interface LlamaSequenceLike {
  readonly contextTokens: number[];
  readonly nextTokenIndex: number;
  eraseContextTokenRanges(ranges: Array<{ start: number; end: number }>): Promise<void>;
  evaluateWithMetadata(
    tokens: number[],
    metadata: { readonly confidence: true },
    options: { temperature: number; yieldEogToken: boolean },
  ): AsyncGenerator<{ token: number; confidence: number }, void, void>;
  /** Evaluates tokens in one batch, with the greedy next token (and its probability) where asked. */
  controlledEvaluate(
    input: ReadonlyArray<
      readonly [number, { readonly generateNext: { readonly token: true; readonly confidence: true } }]
    >,
  ): Promise<Array<{ next: { token?: number | null; confidence?: number } } | undefined>>;
  dispose(): void | Promise<void>;
}

export interface LlamaContextLike {
  getSequence(): LlamaSequenceLike;
  dispose(): Promise<void>;
}

export interface LlamaModelLike {
  readonly trainContextSize: number;
  readonly fileInfo: { readonly metadata: Record<string, unknown> };
  createContext(options: {
    contextSize: number;
    sequences: number;
    threads: number;
    flashAttention: boolean;
    batchSize?: number;
  }): Promise<LlamaContextLike>;
  dispose(): Promise<void>;
}

interface LlamaLike {
  loadModel(options: { modelPath: string; gpuLayers: 0 }): Promise<LlamaModelLike>;
}

interface NodeLlamaCppModule {
  getLlama(options: {
    gpu: false | 'metal';
    build: 'never';
    logLevel: string;
    progressLogs: boolean;
  }): Promise<LlamaLike>;
}

const MODULE_NAME = 'node-llama-cpp';

/**
 * The build node-llama-cpp should load: its CPU build everywhere, so that none of its GPU builds (which the
 * package install leaves out) is ever needed. Apple silicon has no CPU-only package, only the Metal one, and the
 * model is kept off the GPU there too (`gpuLayers: 0` when it is loaded).
 */
const BUILD: false | 'metal' = process.platform === 'darwin' && process.arch === 'arm64' ? 'metal' : false;
let llamaPromise: Promise<LlamaLike> | undefined;

/** The CPU-only llama.cpp runtime, loaded once per process. */
async function cpuLlama(): Promise<LlamaLike> {
  if (llamaPromise === undefined) {
    llamaPromise = (async () => {
      let module: NodeLlamaCppModule;
      try {
        // A variable specifier keeps TypeScript from resolving the optional package at compile time.
        const specifier: string = MODULE_NAME;
        module = (await import(specifier)) as NodeLlamaCppModule;
      } catch (error) {
        throw new AgentWorldError(
          'ENGINE_UNAVAILABLE',
          'The local engine needs the optional package node-llama-cpp, which is not installed. Install it with ' +
            '`npm install node-llama-cpp` (package.json keeps its GPU builds out of the default install).',
          { cause: error, retryable: false, details: { package: MODULE_NAME } },
        );
      }
      try {
        return await module.getLlama({ gpu: BUILD, build: 'never', logLevel: 'error', progressLogs: false });
      } catch (error) {
        throw new AgentWorldError(
          'ENGINE_UNAVAILABLE',
          `node-llama-cpp could not start its CPU runtime: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error, retryable: false },
        );
      }
    })();
    llamaPromise.catch(() => {
      llamaPromise = undefined;
    });
  }
  return llamaPromise;
}

/** sha256 of a file, streamed. */
export async function fileSha256(path: string, options: CallOptions = {}): Promise<string> {
  const hash = createHash('sha256');
  const stream = createReadStream(path, options.signal ? { signal: options.signal } : {});
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface LoadedModel {
  readonly model: LlamaModelLike;
  /** `<file name>@<first 12 hex digits of its sha256>`. */
  readonly id: string;
  readonly sha256: string;
  /** `agentworld.*` metadata of the file (layout, system line, families …). */
  readonly agentworld: Record<string, unknown>;
}

/** Loads a GGUF model file on the CPU; every failure is ENGINE_UNAVAILABLE with the reason. */
export async function loadModelFile(path: string, options: CallOptions = {}): Promise<LoadedModel> {
  throwIfAborted(options.signal);
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a file');
  } catch (error) {
    throw new AgentWorldError(
      'ENGINE_UNAVAILABLE',
      `The model file ${path} cannot be read: ${describe(error)}`,
      {
        cause: error,
        retryable: false,
        details: { modelPath: path },
      },
    );
  }
  const sha256 = await fileSha256(path, options);
  const llama = await cpuLlama();
  throwIfAborted(options.signal);
  let model: LlamaModelLike;
  try {
    model = await llama.loadModel({ modelPath: path, gpuLayers: 0 });
  } catch (error) {
    throw new AgentWorldError('ENGINE_UNAVAILABLE', `llama.cpp could not load ${path}: ${describe(error)}`, {
      cause: error,
      retryable: false,
      details: { modelPath: path },
    });
  }
  const agentworld = model.fileInfo.metadata.agentworld;
  return {
    model,
    id: `${basename(path)}@${sha256.slice(0, 12)}`,
    sha256,
    agentworld:
      agentworld !== null && typeof agentworld === 'object' ? (agentworld as Record<string, unknown>) : {},
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
