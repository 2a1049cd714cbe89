import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import {
  type Engine,
  followsControlInstructions,
  type Prediction,
  type PredictRequest,
} from '../../core/engine.js';
import { AgentWorldError } from '../../core/errors.js';
import {
  defaultMinTokenProbability,
  isLowConfidence,
  lowConfidenceEvent,
  lowConfidenceReason,
} from './confidence.js';
import type { DomainSimulator, Generated, SimulationOutcome } from './domain-simulator.js';
import type { LlamaContextLike } from './llama-runtime.js';
import { MCP_TYPICAL_OUTPUT_TOKENS, McpSimulator } from './mcp-simulator.js';
import { type ModelContext, openModelContext } from './model-context.js';
import type { EmbeddedModelLayout } from './model-layout.js';
import { type LocalEngineOptions, type LocalEngineOptionsInput, parseLocalEngineOptions } from './options.js';
import { DEFAULT_REPETITION_LIMITS } from './repetition-guard.js';
import { BOS_ID, byteIds, LAYOUT_ID } from './sequence-layout.js';
import { SequencePool } from './sequence-pool.js';
import { TERMINAL_TYPICAL_OUTPUT_TOKENS, TerminalSimulator } from './terminal-simulator.js';
import { UNSUPPORTED_EVENT } from './terminal-turns.js';
import { type DecodeCounters, WindowedDecoder } from './windowed-decode.js';

export interface LocalEngineRuntime {
  /**
   * Answers what the embedded model cannot: actions outside its grammar, other domains, and turns it was unsure
   * of (below `minTokenProbability`, see confidence.ts). Usually an `lwm` engine; `close()` does not close it.
   */
  readonly fallback?: Engine;
}

export interface LocalEngineStats {
  readonly predictions: number;
  /** Commands (terminal) or tool calls (mcp) the model answered. */
  readonly simulatedCommands: number;
  readonly fallbacks: number;
  readonly unsupported: number;
  readonly generatedTokens: number;
  readonly evaluatedTokens: number;
  /** Of the generated tokens, those checked in one batch as part of an expected line (the prompt). */
  readonly checkedAheadTokens: number;
  readonly reusedTokens: number;
  readonly decodeMs: number;
}

/** An embedded world model (terminal or mcp layout): a GGUF file run by llama.cpp on the CPU. */
export interface LocalEngine extends Engine {
  readonly id: 'local';
  /** `<file name>@<sha256 prefix>`. */
  readonly model: string;
  /**
   * The file's byte layout (`terminal-bytes-v1` or `mcp-bytes-v1`), the domain it simulates (every other domain
   * is unsupported) and its system line.
   */
  readonly layout: EmbeddedModelLayout;
  readonly options: Readonly<LocalEngineOptions>;
  /** The context size in tokens. */
  readonly contextSize: number;
  /**
   * The low-confidence threshold in force: `options.minTokenProbability`, else the layout's calibrated default
   * (see confidence.ts).
   */
  readonly minTokenProbability: number;
  stats(): LocalEngineStats;
}

/** The simulator of a layout and the output tokens its history window first keeps free. */
function simulatorFor(
  layout: EmbeddedModelLayout,
  options: LocalEngineOptions,
): { simulator: DomainSimulator; typicalOutputTokens: number } {
  if (layout.id === LAYOUT_ID) {
    return {
      simulator: new TerminalSimulator(options.grammarCheck),
      typicalOutputTokens: TERMINAL_TYPICAL_OUTPUT_TOKENS,
    };
  }
  const stateForm = options.mcpStateTurns === 'off' ? undefined : options.mcpStateTurns;
  return { simulator: new McpSimulator(layout, stateForm), typicalOutputTokens: MCP_TYPICAL_OUTPUT_TOKENS };
}

/**
 * Creates the `local` engine from a model file written by training/export_gguf.py. The file's layout decides
 * what it simulates: `terminal-bytes-v1` the terminal domain, `mcp-bytes-v1` the mcp domain (the server its
 * system line names). Load failures, a missing node-llama-cpp included, are ENGINE_UNAVAILABLE.
 *
 * @example
 * const engine = await createLocalEngine({ modelPath: 'models/agentworld-terminal.gguf' });
 * const env = await createEnv(spec, { engine });
 */
export async function createLocalEngine(
  input: LocalEngineOptionsInput,
  runtime: LocalEngineRuntime = {},
  callOptions: CallOptions = {},
): Promise<LocalEngine> {
  const options = parseLocalEngineOptions(input);
  const opened = await openModelContext(options, callOptions);
  return new EmbeddedModelEngine(options, runtime, opened);
}

class EmbeddedModelEngine implements LocalEngine {
  readonly id = 'local' as const;
  /**
   * The embedded models were trained without control instructions and do not follow them: the session applies
   * each injected perturbation's deterministic rendering to their observations (answers of the fallback engine
   * say for themselves).
   */
  readonly followsControlInstructions = false;
  readonly model: string;
  readonly layout: EmbeddedModelLayout;
  readonly contextSize: number;
  readonly minTokenProbability: number;
  private readonly llamaModel: ModelContext['model'];
  private readonly context: LlamaContextLike;
  private closed = false;
  private readonly simulator: DomainSimulator;
  private readonly decoder: WindowedDecoder;
  private readonly counters: DecodeCounters & {
    predictions: number;
    fallbacks: number;
    unsupported: number;
  } = {
    predictions: 0,
    simulatedCommands: 0,
    fallbacks: 0,
    unsupported: 0,
    generatedTokens: 0,
    evaluatedTokens: 0,
    checkedAheadTokens: 0,
    reusedTokens: 0,
    decodeMs: 0,
  };

  constructor(
    readonly options: LocalEngineOptions,
    private readonly runtime: LocalEngineRuntime,
    opened: ModelContext,
  ) {
    this.model = opened.id;
    this.layout = opened.layout;
    this.llamaModel = opened.model;
    this.context = opened.context;
    this.contextSize = opened.contextSize;
    this.minTokenProbability = options.minTokenProbability ?? defaultMinTokenProbability(opened.layout);
    const { simulator, typicalOutputTokens } = simulatorFor(opened.layout, options);
    this.simulator = simulator;
    this.decoder = new WindowedDecoder(
      new SequencePool(opened.sequences),
      {
        contextSize: opened.contextSize,
        maxTokens: options.maxTokens,
        timeoutMs: options.timeoutMs,
        typicalOutputTokens,
        head: [BOS_ID, ...byteIds(opened.layout.systemLine)],
        repetition: DEFAULT_REPETITION_LIMITS,
      },
      this.counters,
    );
  }

  identity(): Record<string, unknown> {
    return {
      engine: 'local',
      model: this.model,
      maxTokens: this.options.maxTokens,
      contextSize: this.contextSize,
      grammarCheck: this.options.grammarCheck,
      ...(this.simulator.domain === 'mcp' ? { mcpStateTurns: this.options.mcpStateTurns } : {}),
      minTokenProbability: this.minTokenProbability,
      onUnsupported: this.options.onUnsupported,
      ...(this.runtime.fallback === undefined ? {} : { fallback: this.runtime.fallback.identity() }),
    };
  }

  stats(): LocalEngineStats {
    return { ...this.counters };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.context.dispose();
    await this.llamaModel.dispose();
  }

  async predict(request: PredictRequest, callOptions: CallOptions = {}): Promise<Prediction> {
    if (this.closed)
      throw new AgentWorldError('ENGINE_UNAVAILABLE', `The local engine for ${this.model} is closed.`);
    throwIfAborted(callOptions.signal);
    this.counters.predictions++;
    const simulator = this.simulator;
    if (request.spec.domain !== simulator.domain) {
      const reason = `the ${request.spec.domain} domain (it simulates ${simulator.simulates})`;
      return this.unsupported(request, callOptions, { kind: 'unsupported', reason });
    }
    const outcome = await simulator.simulate(request, this.decoder, callOptions.signal);
    if (outcome.kind === 'rendered') return this.rendered(request, outcome.observation, outcome.rendering);
    if (outcome.kind === 'unsupported') return this.unsupported(request, callOptions, outcome);
    const generated = outcome.generated;
    const threshold = this.minTokenProbability;
    if (isLowConfidence(generated.minProbability, threshold)) {
      const reason = lowConfidenceReason(generated.minProbability, threshold);
      if (this.runtime.fallback !== undefined) {
        return this.viaFallback(request, callOptions, reason, {
          lowConfidence: { minProbability: generated.minProbability, threshold },
        });
      }
      generated.events.push(lowConfidenceEvent(generated.minProbability, threshold));
    }
    return this.simulated(request, generated);
  }

  private simulated(request: PredictRequest, generated: Generated): Prediction {
    return {
      observation: generated.observation,
      provenance: { source: 'simulated', engine: 'local', model: this.model, promptHash: request.promptHash },
      events: generated.events,
      ...(generated.checks.length === 0 ? {} : { checks: generated.checks }),
      usage: {
        promptTokens: generated.promptTokens,
        completionTokens: generated.completionTokens,
        totalTokens: generated.promptTokens + generated.completionTokens,
        cachedPromptTokens: generated.reusedTokens,
      },
      finishReason: generated.finishReason,
      followedControlInstructions: false,
    };
  }

  private rendered(request: PredictRequest, observation: string, kind: 'completion' | 'wait'): Prediction {
    return {
      observation,
      provenance: { source: 'simulated', engine: 'local', model: this.model, promptHash: request.promptHash },
      events: [{ type: 'local.rendered', message: `Rendered without the model (${kind}).`, data: { kind } }],
      followedControlInstructions: false,
    };
  }

  private async viaFallback(
    request: PredictRequest,
    callOptions: CallOptions,
    reason: string,
    data: Record<string, unknown> = {},
  ): Promise<Prediction> {
    const fallback = this.runtime.fallback as Engine;
    this.counters.fallbacks++;
    const prediction = await fallback.predict(request, callOptions);
    return {
      ...prediction,
      followedControlInstructions:
        prediction.followedControlInstructions ?? followsControlInstructions(fallback),
      events: [
        {
          type: 'local.fallback',
          message: `Answered by the ${fallback.id} engine: ${reason}.`,
          data: { reason, ...data },
        },
        ...prediction.events,
      ],
    };
  }

  /** An action the model cannot simulate: the fallback engine, an UNSUPPORTED error, or a labelled answer. */
  private async unsupported(
    request: PredictRequest,
    callOptions: CallOptions,
    outcome: Extract<SimulationOutcome, { kind: 'unsupported' }>,
  ): Promise<Prediction> {
    const { reason, labelled } = outcome;
    if (this.runtime.fallback !== undefined) return this.viaFallback(request, callOptions, reason);
    this.counters.unsupported++;
    if (this.options.onUnsupported === 'error' || labelled === undefined) {
      throw new AgentWorldError(
        'UNSUPPORTED',
        `The embedded ${this.simulator.modelName} model cannot simulate ${reason}.`,
        { details: { reason } },
      );
    }
    return {
      observation: labelled.observation,
      provenance: { source: 'simulated', engine: 'local', model: this.model, promptHash: request.promptHash },
      events: [{ type: UNSUPPORTED_EVENT, message: labelled.notice, data: { reason } }],
      followedControlInstructions: false,
    };
  }
}
