import { type CallOptions, throwIfAborted } from '../../core/abort.js';
import type { Engine, Prediction, PredictRequest } from '../../core/engine.js';
import { AgentWorldError, isAgentWorldError } from '../../core/errors.js';
import type { SessionEvent } from '../../core/turn.js';
import {
  renderTerminalCompletion,
  renderTerminalPrompt,
  resolveTerminalSetup,
  terminalInitialScreen,
} from '../../domains/terminal/index.js';
import { checkCommandGrammar } from './command-grammar.js';
import { type CommandPrompt, promptTokensFor } from './command-prompt.js';
import { greedyDecode } from './greedy-decode.js';
import type { LlamaContextLike } from './llama-runtime.js';
import { openModelContext } from './model-context.js';
import { type LocalEngineOptions, type LocalEngineOptionsInput, parseLocalEngineOptions } from './options.js';
import { EOS_ID, idsToText, type LayoutTurn, renderEcho } from './sequence-layout.js';
import { SequencePool } from './sequence-pool.js';
import { stopError } from './stop-error.js';
import {
  type PromptSetup,
  planAction,
  type TerminalContext,
  terminalContext,
  trailingPrompt,
  UNSUPPORTED_EVENT,
} from './terminal-turns.js';

/**
 * Output tokens kept free when the history window is first chosen: more than almost every screen the model was
 * trained on (the generator caps an observation at 800 bytes, most are under 200). A longer output that runs into
 * the end of the context is generated again with `maxTokens` kept free.
 */
const TYPICAL_OUTPUT_TOKENS = 256;

export interface LocalEngineRuntime {
  /**
   * Answers what the embedded model cannot: actions outside its grammar, other domains, and (when
   * `minTokenProbability` is set) turns it was unsure of. Usually an `lwm` engine; `close()` does not close it.
   */
  readonly fallback?: Engine;
}

export interface LocalEngineStats {
  readonly predictions: number;
  readonly simulatedCommands: number;
  readonly fallbacks: number;
  readonly unsupported: number;
  readonly generatedTokens: number;
  readonly evaluatedTokens: number;
  readonly reusedTokens: number;
  readonly decodeMs: number;
}

/** The embedded terminal world model: a GGUF file run by llama.cpp on the CPU. */
export interface LocalEngine extends Engine {
  readonly id: 'local';
  /** `<file name>@<sha256 prefix>`. */
  readonly model: string;
  readonly options: Readonly<LocalEngineOptions>;
  /** The context size in tokens. */
  readonly contextSize: number;
  stats(): LocalEngineStats;
}

interface Generated {
  readonly observation: string;
  readonly events: SessionEvent[];
  readonly finishReason: 'stop' | 'length';
  readonly minProbability: number;
  readonly promptTokens: number;
  readonly reusedTokens: number;
  readonly completionTokens: number;
}

/**
 * Creates the `local` engine from a model file written by training/export_gguf.py (layout
 * `terminal-bytes-v1`). Load failures, a missing node-llama-cpp included, are ENGINE_UNAVAILABLE.
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
  return new EmbeddedTerminalEngine(
    options,
    runtime,
    opened.id,
    opened.model,
    opened.context,
    new SequencePool(opened.sequences),
    opened.contextSize,
  );
}

class EmbeddedTerminalEngine implements LocalEngine {
  readonly id = 'local' as const;
  private closed = false;
  private readonly counters = {
    predictions: 0,
    simulatedCommands: 0,
    fallbacks: 0,
    unsupported: 0,
    generatedTokens: 0,
    evaluatedTokens: 0,
    reusedTokens: 0,
    decodeMs: 0,
  };

  constructor(
    readonly options: LocalEngineOptions,
    private readonly runtime: LocalEngineRuntime,
    readonly model: string,
    private readonly llamaModel: { dispose(): Promise<void> },
    private readonly context: LlamaContextLike,
    private readonly pool: SequencePool,
    readonly contextSize: number,
  ) {}

  identity(): Record<string, unknown> {
    return {
      engine: 'local',
      model: this.model,
      maxTokens: this.options.maxTokens,
      contextSize: this.contextSize,
      grammarCheck: this.options.grammarCheck,
      minTokenProbability: this.options.minTokenProbability,
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
    if (request.spec.domain !== 'terminal') {
      return this.unsupported(
        request,
        callOptions,
        `the ${request.spec.domain} domain (it simulates terminals)`,
      );
    }
    const setup = resolveTerminalSetup(request.spec);
    const terminal = terminalContext(
      request.history,
      terminalInitialScreen(request.spec),
      setup,
      renderTerminalPrompt(setup, setup.cwd),
    );
    const plan = planAction(request.action);
    if (plan.kind === 'completion') {
      return this.rendered(request, renderTerminalCompletion(terminal.screen), 'completion');
    }
    if (plan.kind === 'wait') return this.rendered(request, terminal.prompt, 'wait');
    if (plan.kind === 'unsupported') return this.unsupported(request, callOptions, plan.reason, terminal);
    if (this.options.grammarCheck) {
      for (const command of plan.commands) {
        const verdict = checkCommandGrammar(command);
        if (!verdict.supported) {
          return this.unsupported(
            request,
            callOptions,
            verdict.reason ?? 'outside the grammar',
            terminal,
            command,
          );
        }
      }
    }
    const generated = await this.simulate(terminal, plan.commands, setup, callOptions.signal);
    const threshold = this.options.minTokenProbability;
    if (threshold > 0 && generated.minProbability < threshold) {
      const reason = `low confidence (a byte at probability ${generated.minProbability.toFixed(3)} < ${threshold})`;
      if (this.runtime.fallback !== undefined) return this.viaFallback(request, callOptions, reason);
      generated.events.push({
        type: 'local.low-confidence',
        message: `The embedded model was unsure of this turn: ${reason}.`,
        data: { minProbability: generated.minProbability, threshold },
      });
    }
    return {
      observation: generated.observation,
      provenance: { source: 'simulated', engine: 'local', model: this.model, promptHash: request.promptHash },
      events: generated.events,
      usage: {
        promptTokens: generated.promptTokens,
        completionTokens: generated.completionTokens,
        totalTokens: generated.promptTokens + generated.completionTokens,
        cachedPromptTokens: generated.reusedTokens,
      },
      finishReason: generated.finishReason,
    };
  }

  /** Runs the commands one after another, each on the screen the previous one left. */
  private async simulate(
    terminal: TerminalContext,
    commands: readonly string[],
    setup: PromptSetup,
    callerSignal: AbortSignal | undefined,
  ): Promise<Generated> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`no answer within ${this.options.timeoutMs} ms`));
    }, this.options.timeoutMs);
    const forward = (): void => controller.abort(callerSignal?.reason);
    if (callerSignal?.aborted) forward();
    else callerSignal?.addEventListener('abort', forward, { once: true });
    const signal = controller.signal;
    const turns: LayoutTurn[] = [...terminal.turns];
    const events: SessionEvent[] = [];
    let screen = '';
    let prompt = terminal.prompt;
    let finishReason: 'stop' | 'length' = 'stop';
    let minProbability = 1;
    let promptTokens = 0;
    let reusedTokens = 0;
    let completionTokens = 0;
    let slot: Awaited<ReturnType<SequencePool['acquire']>> | undefined;
    try {
      for (const [position, command] of commands.entries()) {
        const echo = renderEcho(prompt, command);
        // First with as much history as fits beside a typical output (the model was trained on whole sessions, so
        // every dropped turn is state it no longer sees); only an output that fills the context is generated
        // again with the whole `maxTokens` kept free.
        let window = promptTokensFor(
          turns,
          echo,
          this.contextSize,
          Math.min(this.options.maxTokens, TYPICAL_OUTPUT_TOKENS),
        );
        slot ??= await this.pool.acquire(window.tokens, signal);
        const started = performance.now();
        const decode = (prompt: CommandPrompt) =>
          greedyDecode(slot as NonNullable<typeof slot>, prompt.tokens, {
            evaluateFrom: prompt.evaluateFrom,
            maxTokens: Math.min(this.options.maxTokens, this.contextSize - prompt.tokens.length),
            endToken: EOS_ID,
            signal,
          });
        let result = await decode(window);
        if (
          result.finish === 'length' &&
          this.contextSize - window.tokens.length < this.options.maxTokens &&
          !signal.aborted
        ) {
          window = promptTokensFor(turns, echo, this.contextSize, this.options.maxTokens);
          result = await decode(window);
        }
        const { tokens, firstTurn } = window;
        this.counters.decodeMs += performance.now() - started;
        if (result.finish === 'aborted') throw stopError(timedOut, callerSignal, this.options.timeoutMs);
        const target = idsToText(result.ids);
        this.counters.simulatedCommands++;
        this.counters.generatedTokens += result.ids.length;
        this.counters.evaluatedTokens += result.evaluated;
        this.counters.reusedTokens += result.reused;
        promptTokens += tokens.length;
        reusedTokens += result.reused;
        completionTokens += result.probabilities.length;
        for (const probability of result.probabilities)
          minProbability = Math.min(minProbability, probability);
        screen = position === 0 ? `${echo}${target}` : `${screen}${echo.slice(prompt.length)}${target}`;
        turns.push({ echo, target });
        if (firstTurn > 0) events.push({ type: 'local.window', data: { droppedTurns: firstTurn } });
        if (result.finish === 'length') {
          finishReason = 'length';
          events.push({
            type: 'local.truncated',
            message: `The output of \`${command}\` was cut at ${this.options.maxTokens} bytes.`,
            data: { maxTokens: this.options.maxTokens },
          });
        }
        const next = trailingPrompt(screen, setup);
        if (next === undefined) {
          if (position < commands.length - 1) {
            events.push({
              type: 'local.incomplete',
              message: 'No prompt came back after a command, so the commands after it were not run.',
              data: { ran: position + 1, of: commands.length },
            });
          }
          break;
        }
        prompt = next;
      }
    } catch (error) {
      if (isAgentWorldError(error)) throw error;
      if (signal.aborted) throw stopError(timedOut, callerSignal, this.options.timeoutMs);
      throw new AgentWorldError(
        'ENGINE_ERROR',
        `llama.cpp failed: ${error instanceof Error ? error.message : String(error)}`,
        {
          cause: error,
        },
      );
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', forward);
      if (slot !== undefined) this.pool.release(slot);
    }
    return {
      observation: screen,
      events,
      finishReason,
      minProbability,
      promptTokens,
      reusedTokens,
      completionTokens,
    };
  }

  private rendered(request: PredictRequest, observation: string, kind: 'completion' | 'wait'): Prediction {
    return {
      observation,
      provenance: { source: 'simulated', engine: 'local', model: this.model, promptHash: request.promptHash },
      events: [{ type: 'local.rendered', message: `Rendered without the model (${kind}).`, data: { kind } }],
    };
  }

  private async viaFallback(
    request: PredictRequest,
    callOptions: CallOptions,
    reason: string,
  ): Promise<Prediction> {
    const fallback = this.runtime.fallback as Engine;
    this.counters.fallbacks++;
    const prediction = await fallback.predict(request, callOptions);
    return {
      ...prediction,
      events: [
        {
          type: 'local.fallback',
          message: `Answered by the ${fallback.id} engine: ${reason}.`,
          data: { reason },
        },
        ...prediction.events,
      ],
    };
  }

  /** An action the model cannot simulate: the fallback engine, an UNSUPPORTED error, or a labelled screen. */
  private async unsupported(
    request: PredictRequest,
    callOptions: CallOptions,
    reason: string,
    terminal?: TerminalContext,
    command?: string,
  ): Promise<Prediction> {
    if (this.runtime.fallback !== undefined) return this.viaFallback(request, callOptions, reason);
    this.counters.unsupported++;
    if (this.options.onUnsupported === 'error' || terminal === undefined) {
      throw new AgentWorldError('UNSUPPORTED', `The embedded terminal model cannot simulate ${reason}.`, {
        details: { reason },
      });
    }
    const notice = `agentworld: the embedded terminal model cannot simulate this (${reason}); nothing ran.\n`;
    const echo = command === undefined ? `${terminal.prompt}\n` : renderEcho(terminal.prompt, command);
    return {
      observation: `${echo}${notice}${terminal.prompt}`,
      provenance: { source: 'simulated', engine: 'local', model: this.model, promptHash: request.promptHash },
      events: [{ type: UNSUPPORTED_EVENT, message: notice.trim(), data: { reason } }],
    };
  }
}
